// Command benchcheck compares same-run benchmark ratios with the figures recorded in
// docs/PERFORMANCE.md and fails when one falls more than a tolerance (25 %) under its figure.
//
// It reads `go test -bench` output (files, or standard input) and the table of the section of
// docs/PERFORMANCE.md whose heading mentions bench-check. Each row of that table names a
// baseline and a benchmark, each as "BenchmarkName metric" (or the constant 1), both costs
// where lower is better; the ratio is baseline ÷ benchmark, the median of each over the -count
// runs, so it says how many times faster than its baseline the benchmark ran in the same run.
// Ratios rather than times, so that the check means the same on a slower or busier machine.
//
//	go run ./scripts/benchcheck -table docs/PERFORMANCE.md bench.txt
//
// scripts/bench-check.sh runs the benchmarks and then this command (make bench-check).
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

func main() {
	table := flag.String("table", "docs/PERFORMANCE.md", "the Markdown file with the bench-check table")
	tolerance := flag.Float64("tolerance", 0.25, "how far under its recorded figure a ratio may fall")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: benchcheck [-table FILE] [-tolerance F] [BENCH_OUTPUT...]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(*table, *tolerance, flag.Args(), os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench-check:", err)
		os.Exit(1)
	}
}

func run(tablePath string, tolerance float64, inputs []string, stdin io.Reader, out io.Writer) error {
	doc, err := os.ReadFile(tablePath)
	if err != nil {
		return fmt.Errorf("cannot read the table of recorded ratios: %w", err)
	}
	checks, err := parseTable(string(doc))
	if err != nil {
		return fmt.Errorf("%s: %w", tablePath, err)
	}
	results := results{}
	if len(inputs) == 0 {
		if err := results.parse(stdin); err != nil {
			return err
		}
	}
	for _, p := range inputs {
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("cannot read the benchmark output: %w", err)
		}
		err = results.parse(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	outcomes, err := evaluate(checks, results, tolerance)
	report(out, outcomes, tolerance, cpuModel())
	if err != nil {
		return err
	}
	var failed []string
	for _, o := range outcomes {
		if !o.ok {
			failed = append(failed, o.check.name)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d ratio(s) fell more than %.0f%% under the figure in %s: %s (profile them, or record the new figure with the CPU that gave it if the change is intended)",
			len(failed), tolerance*100, tablePath, strings.Join(failed, ", "))
	}
	return nil
}

// operand is one side of a ratio: a metric of a benchmark, or a constant.
type operand struct {
	bench, metric string
	constant      float64 // used when bench is ""
}

func (o operand) String() string {
	if o.bench == "" {
		return strconv.FormatFloat(o.constant, 'g', -1, 64)
	}
	return o.bench + " " + o.metric
}

func parseOperand(cell string) (operand, error) {
	cell = strings.TrimSpace(strings.ReplaceAll(cell, "`", ""))
	if v, err := strconv.ParseFloat(cell, 64); err == nil {
		if v <= 0 {
			return operand{}, fmt.Errorf("constant %q must be positive", cell)
		}
		return operand{constant: v}, nil
	}
	f := strings.Fields(cell)
	if len(f) != 2 || !strings.HasPrefix(f[0], "Benchmark") {
		return operand{}, fmt.Errorf("%q is neither a number nor \"BenchmarkName metric\"", cell)
	}
	return operand{bench: f[0], metric: f[1]}, nil
}

// check is a row of the table: ratio = baseline ÷ benchmark must stay at least
// (1 - tolerance) × recorded.
type check struct {
	name                string
	baseline, benchmark operand
	recorded            float64
	cpu                 string
}

// parseTable reads the first Markdown table after the heading that mentions bench-check.
// Its columns: check, baseline, benchmark, recorded ratio, CPU (more columns are ignored).
func parseTable(doc string) ([]check, error) {
	lines := strings.Split(doc, "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "#") && strings.Contains(l, "bench-check") {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, errors.New("no heading mentions bench-check: add the section with the table of recorded ratios")
	}
	var checks []check
	header := true
	for i := start + 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "#") {
			break
		}
		if !strings.HasPrefix(l, "|") {
			if len(checks) > 0 || !header {
				break
			}
			continue
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		if header {
			header = false
			continue
		}
		if strings.Trim(strings.Join(cells, ""), " -:") == "" { // the separator row
			continue
		}
		if len(cells) < 5 {
			return nil, fmt.Errorf("line %d: %d columns, want check | baseline | benchmark | recorded ratio | CPU", i+1, len(cells))
		}
		c := check{name: strings.TrimSpace(cells[0]), cpu: strings.TrimSpace(cells[4])}
		var err error
		if c.baseline, err = parseOperand(cells[1]); err != nil {
			return nil, fmt.Errorf("line %d, baseline: %w", i+1, err)
		}
		if c.benchmark, err = parseOperand(cells[2]); err != nil {
			return nil, fmt.Errorf("line %d, benchmark: %w", i+1, err)
		}
		rec := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cells[3]), "×"))
		if c.recorded, err = strconv.ParseFloat(rec, 64); err != nil || c.recorded <= 0 {
			return nil, fmt.Errorf("line %d: recorded ratio %q is not a positive number", i+1, strings.TrimSpace(cells[3]))
		}
		checks = append(checks, c)
	}
	if len(checks) == 0 {
		return nil, errors.New("the bench-check section has no table rows")
	}
	return checks, nil
}

// results holds every value of every metric of every benchmark, by name without the
// GOMAXPROCS suffix.
type results map[string]map[string][]float64

var procSuffix = regexp.MustCompile(`-\d+$`)

// parse reads `go test -bench` output; lines other than benchmark results are skipped.
func (r results) parse(in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			continue // a benchmark's log line, not a result
		}
		name := procSuffix.ReplaceAllString(f[0], "")
		if r[name] == nil {
			r[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return fmt.Errorf("benchmark %s: value %q of %s is not a number", name, f[i], f[i+1])
			}
			r[name][f[i+1]] = append(r[name][f[i+1]], v)
		}
	}
	return sc.Err()
}

// median returns the median of an operand's values over the runs, and how many runs there were.
func (r results) median(o operand) (float64, int, error) {
	if o.bench == "" {
		return o.constant, 0, nil
	}
	vs := r[o.bench][o.metric]
	if len(vs) == 0 {
		if r[o.bench] == nil {
			return 0, 0, fmt.Errorf("%s did not run (is it in scripts/bench-check.sh?)", o.bench)
		}
		return 0, 0, fmt.Errorf("%s reported no %s", o.bench, o.metric)
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2], n, nil
	}
	return (s[n/2-1] + s[n/2]) / 2, n, nil
}

type outcome struct {
	check
	base, bench float64
	runs        int
	ratio       float64
	ok          bool
}

// evaluate computes each check's ratio; a check whose benchmarks are missing is an error.
func evaluate(checks []check, r results, tolerance float64) ([]outcome, error) {
	var out []outcome
	var errs []error
	for _, c := range checks {
		base, n1, err1 := r.median(c.baseline)
		bench, n2, err2 := r.median(c.benchmark)
		if err := errors.Join(err1, err2); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", c.name, err))
			continue
		}
		if bench <= 0 {
			errs = append(errs, fmt.Errorf("%s: %s is %v, not a cost", c.name, c.benchmark, bench))
			continue
		}
		ratio := base / bench
		out = append(out, outcome{check: c, base: base, bench: bench, runs: max(n1, n2), ratio: ratio,
			ok: ratio >= c.recorded*(1-tolerance)})
	}
	return out, errors.Join(errs...)
}

func report(w io.Writer, outs []outcome, tolerance float64, cpu string) {
	fmt.Fprintf(w, "bench-check on %s: ratio = baseline ÷ benchmark (medians of the runs), floor = recorded × %.2f\n", cpu, 1-tolerance)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "check\tbaseline\tbenchmark\truns\tratio\trecorded\tfloor\tresult\trecorded on")
	for _, o := range outs {
		res := "ok"
		if !o.ok {
			res = "FAIL"
		}
		fmt.Fprintf(tw, "%s\t%.4g\t%.4g\t%d\t%.3g\t%.3g\t%.3g\t%s\t%s\n", o.name, o.base, o.bench, o.runs, o.ratio,
			o.recorded, o.recorded*(1-tolerance), res, o.cpu)
	}
	tw.Flush()
}

// cpuModel is the model name of this machine's CPU, from /proc/cpuinfo where there is one.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "this machine"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "this machine"
}
