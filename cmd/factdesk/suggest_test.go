package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importTexts imports texts written by the test and returns their ids in order.
func importTexts(t *testing.T, db string, texts ...string) []string {
	t.Helper()
	dir := t.TempDir()
	var files []string
	for i, text := range texts {
		p := filepath.Join(dir, string(rune('a'+i))+".txt")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	var res []importJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, append([]string{"import", "--json"}, files...)...)), &res); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range res {
		if r.Article == nil {
			t.Fatalf("import failed: %s", r.Error)
		}
		ids = append(ids, r.Article.ID)
	}
	return ids
}

const (
	suggestEN  = "Floods in the northern valley\n\nThe flood killed at least 23 people in the valley on Tuesday, local officials said.\n\nRescue teams from three regions searched the riverbanks through the night. What happens next is unclear.\n\nSubscribe to our newsletter."
	suggestFR  = "Inondations meurtrières dans la vallée du nord\n\nSelon les autorités locales, les inondations ont fait au moins 23 morts dans la vallée mardi.\n\nLes équipes de secours de trois régions ont fouillé les berges toute la nuit."
	suggestFR2 = "Bilan contesté des inondations\n\nSelon un syndicat de pompiers, les inondations ont fait au moins 32 morts dans la vallée mardi.\n\nLa météo reste incertaine pour la fin de la semaine."
)

func TestSuggestLinksJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	ids := importTexts(t, db, suggestEN, suggestFR, suggestFR2)
	claim := strings.TrimSpace(mustRun(t, db, "claim", "add", "--article", ids[0], "--quote", "The flood killed at least 23 people in the valley on Tuesday, local officials said."))
	out := mustRun(t, db, "suggest", "links", claim, "--top", "3", "--json")
	var got []struct {
		Claim      string `json:"claim"`
		Candidates []struct {
			Article       string   `json:"article"`
			Start         int      `json:"start"`
			End           int      `json:"end"`
			Text          string   `json:"text"`
			Score         float64  `json:"score"`
			Contradiction bool     `json:"contradiction"`
			Reasons       []string `json:"reasons"`
		} `json:"candidates"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got) != 1 || got[0].Claim != claim || len(got[0].Candidates) < 2 {
		t.Fatalf("suggest links: %s", out)
	}
	top := got[0].Candidates[0]
	if top.Article != ids[1] || !strings.Contains(top.Text, "au moins 23 morts") || top.Contradiction || top.Score <= 0 || top.Score > 1 {
		t.Errorf("top candidate %+v", top)
	}
	if string([]rune(suggestFR)[top.Start:top.End]) != top.Text {
		t.Errorf("offsets %d-%d are not code points of the article text", top.Start, top.End)
	}
	if len(top.Reasons) == 0 || top.Reasons[0] != "figure 23" {
		t.Errorf("reasons %v", top.Reasons)
	}
	var flagged bool
	for _, c := range got[0].Candidates {
		if c.Article == ids[2] && strings.Contains(c.Text, "32 morts") {
			flagged = c.Contradiction && strings.Contains(strings.Join(c.Reasons, ";"), "23 vs 32")
		}
	}
	if !flagged {
		t.Errorf("the other toll is not flagged: %s", out)
	}
	// --article takes every claim of the article; --in limits the search.
	out = mustRun(t, db, "suggest", "links", "--article", ids[0], "--in", ids[2], "--json")
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, c := range got[0].Candidates {
		if c.Article != ids[2] {
			t.Errorf("--in ignored: %+v", c)
		}
	}
	if _, errOut, code := factdesk(t, db, "", "suggest", "links"); code != exitUsage || !strings.Contains(errOut, "--article") {
		t.Errorf("no claim named: exit %d, %s", code, errOut)
	}
}

func TestSuggestClaimsJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	ids := importTexts(t, db, suggestEN)
	out := mustRun(t, db, "suggest", "claims", ids[0], "--json")
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	suggested := map[string]bool{}
	for _, s := range got {
		for _, k := range []string{"start", "end", "text", "score", "suggested"} {
			if _, ok := s[k]; !ok {
				t.Errorf("sentence %v lacks %q", s, k)
			}
		}
		suggested[s["text"].(string)] = s["suggested"].(bool)
	}
	if !suggested["The flood killed at least 23 people in the valley on Tuesday, local officials said."] {
		t.Errorf("the death toll is not suggested: %s", out)
	}
	if suggested["What happens next is unclear."] {
		t.Errorf("an opinion is suggested: %s", out)
	}
	if len(got) < 4 {
		t.Errorf("every sentence is listed: %s", out)
	}
}
