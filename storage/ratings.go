package storage

import (
	"context"
	"sort"
	"strconv"
	"time"

	"factdesk/annotate"
)

// Rating is one reviewer's verdict on a claim: the latest verdict the reviewer gave it, read
// from the history (the claim's creation with a verdict, or a change of its verdict). A merge
// brings the other reviewers' history, so their ratings are here too, even when a conflict kept
// the local verdict on the claim.
type Rating struct {
	ClaimID    string
	ReviewerID string
	Reviewer   string // name
	Verdict    annotate.Verdict
	At         time.Time
}

// RatedClaim is a live claim with every reviewer's rating of it.
type RatedClaim struct {
	annotate.Claim
	ArticleTitle string
	Ratings      []Rating // by reviewer name
}

// Agrees reports whether every rating of the claim gives the same verdict.
func (c RatedClaim) Agrees() bool {
	for _, r := range c.Ratings {
		if r.Verdict != c.Ratings[0].Verdict {
			return false
		}
	}
	return true
}

// RatingOf returns the rating of the reviewer named name, if any.
func (c RatedClaim) RatingOf(name string) (Rating, bool) {
	for _, r := range c.Ratings {
		if r.Reviewer == name {
			return r, true
		}
	}
	return Rating{}, false
}

// RatingFilter selects rated claims; zero fields do not filter.
type RatingFilter struct {
	ReviewerID    string // claims this reviewer rated
	ArticleID     string // claims of this article
	Disagreements bool   // claims whose reviewers gave different verdicts
}

// ratings reads every reviewer's current rating of every live claim (or of one claim), oldest
// first: the ratings of annotate.FoldRatings, an alias's counting for the claim it became.
func (db *DB) ratings(ctx context.Context, claimID string) ([]Rating, error) {
	if claimID != "" {
		id, err := resolveClaimID(ctx, db.read, claimID)
		if err != nil {
			return nil, classify(err, db.path)
		}
		claimID = id
	}
	events, err := ratingEvents(ctx, db.read, claimID)
	if err != nil {
		return nil, classify(err, db.path)
	}
	live, err := db.queryStrings(ctx, `SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id
		WHERE c.deleted_at IS NULL AND a.deleted_at IS NULL`)
	if err != nil {
		return nil, err
	}
	var out []Rating
	for _, id := range live {
		rs, _ := annotate.FoldRatings(events[id])
		for _, r := range rs {
			out = append(out, Rating{ClaimID: id, ReviewerID: r.ReviewerID, Reviewer: r.Reviewer, Verdict: r.Verdict, At: r.At})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}

// Ratings returns every reviewer's rating of a claim, by reviewer name.
func (db *DB) Ratings(ctx context.Context, claimID string) ([]Rating, error) {
	rs, err := db.ratings(ctx, claimID)
	sort.Slice(rs, func(i, j int) bool { return rs[i].Reviewer < rs[j].Reviewer })
	return rs, err
}

// RatedClaims lists the live claims that at least one reviewer rated, with every reviewer's
// rating, by article then position: the per-reviewer view.
func (db *DB) RatedClaims(ctx context.Context, f RatingFilter) ([]RatedClaim, error) {
	rs, err := db.ratings(ctx, "")
	if err != nil {
		return nil, err
	}
	byClaim := map[string][]Rating{}
	for _, r := range rs {
		byClaim[r.ClaimID] = append(byClaim[r.ClaimID], r)
	}
	claims, err := db.Claims(ctx, ClaimFilter{ArticleID: f.ArticleID})
	if err != nil {
		return nil, err
	}
	titles, err := db.articleTitles(ctx)
	if err != nil {
		return nil, err
	}
	var out []RatedClaim
	for _, c := range claims {
		ratings := byClaim[c.ID]
		if len(ratings) == 0 {
			continue
		}
		sort.Slice(ratings, func(i, j int) bool { return ratings[i].Reviewer < ratings[j].Reviewer })
		rc := RatedClaim{Claim: c, ArticleTitle: titles[c.ArticleID], Ratings: ratings}
		if f.ReviewerID != "" {
			found := false
			for _, r := range ratings {
				found = found || r.ReviewerID == f.ReviewerID
			}
			if !found {
				continue
			}
		}
		if f.Disagreements && rc.Agrees() {
			continue
		}
		out = append(out, rc)
	}
	return out, nil
}

func (db *DB) articleTitles(ctx context.Context) (map[string]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, title FROM articles`)
	if err != nil {
		return nil, classify(err, db.path)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, classify(err, db.path)
		}
		out[id] = t
	}
	return out, classify(rows.Err(), db.path)
}

// AgreementItem is one thing reviewers rated: claims on the same span of the same article text
// (the same article imported twice is one text), or claims linked as the same claim.
type AgreementItem struct {
	ID           string   // the first of its claims' ids
	ClaimIDs     []string // every claim of the item
	Quote        string
	ArticleID    string
	ArticleTitle string
}

// AgreementResult is inter-reviewer agreement on the database's ratings, with the items the
// report's Item names refer to.
type AgreementResult struct {
	annotate.AgreementReport
	// Details describes every item rated by two or more reviewers, by item id.
	Details map[string]AgreementItem
	// Ratings are the ratings measured (each reviewer's latest verdict per item).
	Ratings []annotate.Rating
}

// Agreement measures how far reviewers agree on the claims two or more of them rated: percent
// agreement, Krippendorff's alpha (nominal) over all reviewers, Cohen's kappa and the
// confusion table of each pair, and the items they disagree on (see annotate.Agreement).
func (db *DB) Agreement(ctx context.Context) (AgreementResult, error) {
	rs, err := db.ratings(ctx, "")
	if err != nil {
		return AgreementResult{}, err
	}
	// Group claims into items: the same span of the same text, and "same claim" links.
	rows, err := db.read.QueryContext(ctx, `SELECT c.id, a.sha256, c.rune_start, c.rune_end, c.exact, a.id, a.title
		FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.deleted_at IS NULL AND a.deleted_at IS NULL ORDER BY c.id`)
	if err != nil {
		return AgreementResult{}, classify(err, db.path)
	}
	parent := map[string]string{}
	find := func(x string) string {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b string) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		if rb < ra {
			ra, rb = rb, ra
		}
		parent[rb] = ra // the smallest id names the item
	}
	info := map[string]AgreementItem{}
	spans := map[string]string{}
	for rows.Next() {
		var id, hash, quote, artID, title string
		var start, end int
		if err := rows.Scan(&id, &hash, &start, &end, &quote, &artID, &title); err != nil {
			rows.Close()
			return AgreementResult{}, classify(err, db.path)
		}
		parent[id] = id
		info[id] = AgreementItem{ID: id, Quote: quote, ArticleID: artID, ArticleTitle: title}
		span := hash + "\x00" + strconv.Itoa(start) + "\x00" + strconv.Itoa(end)
		if first, ok := spans[span]; ok {
			union(first, id)
		} else {
			spans[span] = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return AgreementResult{}, classify(err, db.path)
	}
	links, err := db.read.QueryContext(ctx, `SELECT claim_id, target_claim_id FROM links WHERE relation = 'same' AND deleted_at IS NULL AND target_claim_id IS NOT NULL`)
	if err != nil {
		return AgreementResult{}, classify(err, db.path)
	}
	for links.Next() {
		var a, b string
		if err := links.Scan(&a, &b); err != nil {
			links.Close()
			return AgreementResult{}, classify(err, db.path)
		}
		if _, ok := parent[a]; !ok {
			continue
		}
		if _, ok := parent[b]; !ok {
			continue
		}
		union(a, b)
	}
	links.Close()
	if err := links.Err(); err != nil {
		return AgreementResult{}, classify(err, db.path)
	}
	// Ratings by item, oldest first, so a reviewer's latest rating of an item counts.
	res := AgreementResult{Details: map[string]AgreementItem{}}
	members := map[string][]string{}
	for id := range parent {
		root := find(id)
		members[root] = append(members[root], id)
	}
	for _, r := range rs {
		if _, ok := parent[r.ClaimID]; !ok {
			continue
		}
		res.Ratings = append(res.Ratings, annotate.Rating{Item: find(r.ClaimID), Reviewer: r.Reviewer, Verdict: r.Verdict})
	}
	res.AgreementReport = annotate.Agreement(res.Ratings)
	raters := map[string]map[string]bool{}
	for _, r := range res.Ratings {
		if raters[r.Item] == nil {
			raters[r.Item] = map[string]bool{}
		}
		raters[r.Item][r.Reviewer] = true
	}
	for item, who := range raters {
		if len(who) < 2 {
			continue
		}
		it := info[item]
		it.ClaimIDs = members[item]
		sort.Strings(it.ClaimIDs)
		res.Details[item] = it
	}
	return res, nil
}
