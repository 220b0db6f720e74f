package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const doc = `# Performance

Some text | with a pipe.

## Same-run ratios checked by make bench-check

| check | baseline | benchmark | recorded ratio | CPU |
| --- | --- | --- | --- | --- |
| text view load | ` + "`BenchmarkRichText cpu-ms/op`" + ` | ` + "`BenchmarkView cpu-ms/op`" + ` | 40× | AMD EPYC |
| import | 1 | ` + "`BenchmarkImport10k/batch=200 x_bare_cpu`" + ` | 0.1 | AMD EPYC |

## Another section

| a | b |
| --- | --- |
| 1 | 2 |
`

const output = `goos: linux
pkg: factdesk/app/textview
cpu: Oxide Virtual Turin-like Processor
BenchmarkView-2   	     100	  13186898 ns/op	         4.0 cpu-ms/op	       369.2 first-ms	  717122 B/op
BenchmarkView-2   	     100	  13273864 ns/op	         5.0 cpu-ms/op	       369.2 first-ms	  717335 B/op
BenchmarkView-2   	     100	  11233905 ns/op	         9.0 cpu-ms/op	       369.2 first-ms	  715952 B/op
BenchmarkRichText-2   	       2	2847264578 ns/op	       200 cpu-ms/op
BenchmarkRichText-2   	       1	5115786022 ns/op	       220 cpu-ms/op
BenchmarkRichText-2   	       1	4307683827 ns/op	       900 cpu-ms/op
PASS
pkg: factdesk/storage
BenchmarkImport10k/batch=200-2         	       1	8000000000 ns/op	 10.0 x_bare_cpu	 2000 articles/s
    bench_test.go:348: built 10000 articles, 100000 claims in 30s
BenchmarkImport10k/batch=200-2         	       1	8000000000 ns/op	 8.0 x_bare_cpu	 2000 articles/s
ok  	factdesk/storage	60s
`

func TestParseTableReadsOnlyTheBenchCheckSection(t *testing.T) {
	checks, err := parseTable(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) != 2 {
		t.Fatalf("%d checks, want 2: %+v", len(checks), checks)
	}
	c := checks[0]
	if c.name != "text view load" || c.baseline.String() != "BenchmarkRichText cpu-ms/op" ||
		c.benchmark.String() != "BenchmarkView cpu-ms/op" || c.recorded != 40 || c.cpu != "AMD EPYC" {
		t.Errorf("first check = %+v", c)
	}
	if c := checks[1]; c.baseline.bench != "" || c.baseline.constant != 1 || c.benchmark.bench != "BenchmarkImport10k/batch=200" ||
		c.benchmark.metric != "x_bare_cpu" || c.recorded != 0.1 {
		t.Errorf("second check = %+v", c)
	}
}

func TestParseTableErrorsSayWhatIsWrong(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{"# Performance\n\n| a | b |\n", "no heading mentions bench-check"},
		{"## bench-check\n\nno table\n", "no table rows"},
		{"## bench-check\n| check | baseline | benchmark | recorded | CPU |\n| - | - | - | - | - |\n| x | `BenchmarkA m` | `BenchmarkB m` | fast | EPYC |\n", "not a positive number"},
		{"## bench-check\n| check | baseline | benchmark | recorded | CPU |\n| - | - | - | - | - |\n| x | A m | `BenchmarkB m` | 2 | EPYC |\n", "neither a number nor"},
		{"## bench-check\n| check | baseline | benchmark |\n| - | - | - |\n| x | `BenchmarkA m` | `BenchmarkB m` |\n", "3 columns"},
	} {
		_, err := parseTable(tc.doc)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want one containing %q", err, tc.want)
		}
	}
}

func TestParseOutputAndMedians(t *testing.T) {
	r := results{}
	if err := r.parse(strings.NewReader(output)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		o    operand
		want float64
		runs int
	}{
		{operand{bench: "BenchmarkView", metric: "cpu-ms/op"}, 5, 3},
		{operand{bench: "BenchmarkRichText", metric: "cpu-ms/op"}, 220, 3},
		{operand{bench: "BenchmarkImport10k/batch=200", metric: "x_bare_cpu"}, 9, 2}, // even count: the mean of the middle two
		{operand{constant: 1}, 1, 0},
	} {
		got, n, err := r.median(tc.o)
		if err != nil || got != tc.want || n != tc.runs {
			t.Errorf("median(%v) = %v over %d runs (%v), want %v over %d", tc.o, got, n, err, tc.want, tc.runs)
		}
	}
	if _, _, err := r.median(operand{bench: "BenchmarkMissing", metric: "cpu-ms/op"}); err == nil || !strings.Contains(err.Error(), "did not run") {
		t.Errorf("missing benchmark: %v", err)
	}
	if _, _, err := r.median(operand{bench: "BenchmarkView", metric: "cpu_s"}); err == nil || !strings.Contains(err.Error(), "reported no cpu_s") {
		t.Errorf("missing metric: %v", err)
	}
}

func TestEvaluateFailsOnlyMoreThanToleranceUnder(t *testing.T) {
	r := results{
		"BenchmarkA": {"ms": {10}},
		"BenchmarkB": {"ms": {1}},
	}
	ratio := func(rec float64) outcome {
		t.Helper()
		c := check{name: "x", baseline: operand{bench: "BenchmarkA", metric: "ms"}, benchmark: operand{bench: "BenchmarkB", metric: "ms"}, recorded: rec}
		outs, err := evaluate([]check{c}, r, 0.25)
		if err != nil || len(outs) != 1 {
			t.Fatalf("evaluate: %v, %v", outs, err)
		}
		return outs[0]
	}
	if o := ratio(10); !o.ok || o.ratio != 10 {
		t.Errorf("ratio equal to its record: %+v", o)
	}
	if o := ratio(13.3); !o.ok { // 10 ≥ 0.75 × 13.3
		t.Errorf("ratio 25%% under, at the floor: %+v", o)
	}
	if o := ratio(13.4); o.ok { // 10 < 0.75 × 13.4
		t.Errorf("ratio more than 25%% under passed: %+v", o)
	}
	if o := ratio(2); !o.ok {
		t.Errorf("ratio better than its record failed: %+v", o)
	}
}

func TestRunPassesFailsAndReports(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "PERFORMANCE.md")
	if err := os.WriteFile(table, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	bench := filepath.Join(dir, "bench.txt")
	if err := os.WriteFile(bench, []byte(output), 0o644); err != nil {
		t.Fatal(err)
	}
	// text view: 220 ÷ 5 = 44 against 40; import: 1 ÷ 9 = 0.111 against 0.1.
	var out bytes.Buffer
	if err := run(table, 0.25, []string{bench}, nil, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "text view load") || !strings.Contains(out.String(), "44") || strings.Contains(out.String(), "FAIL") {
		t.Errorf("report:\n%s", out.String())
	}
	// Record a better figure than the run gives: the check fails and names the row.
	worse := strings.Replace(doc, "| 40× |", "| 80× |", 1)
	if err := os.WriteFile(table, []byte(worse), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	err := run(table, 0.25, nil, strings.NewReader(output), &out)
	if err == nil || !strings.Contains(err.Error(), "text view load") || !strings.Contains(out.String(), "FAIL") {
		t.Errorf("run against 80×: %v\n%s", err, out.String())
	}
	// A benchmark that did not run is an error, not a pass.
	out.Reset()
	err = run(table, 0.25, nil, strings.NewReader("BenchmarkView-2 1 1 ns/op 4 cpu-ms/op\n"), &out)
	if err == nil || !strings.Contains(err.Error(), "did not run") {
		t.Errorf("run without the baseline: %v", err)
	}
}
