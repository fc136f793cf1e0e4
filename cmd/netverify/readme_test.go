package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/netverify/netverify/internal/testcorpus"
)

// TestREADMEExamples keeps the README true: every `$ netverify ...` command
// of its console blocks is run, and the lines printed under it must appear in
// the output in that order (a line "..." stands for lines left out); a
// following `$ echo $?` states the exit code. Commands run from the
// repository root, as a reader would; those reading ../shared/corpus skip
// when it is absent.
func TestREADMEExamples(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir("../..")
	n := 0
	for _, ex := range readmeExamples(string(data)) {
		n++
		t.Run(strings.Join(ex.args, " "), func(t *testing.T) {
			if strings.Contains(strings.Join(ex.args, " "), "../shared/corpus") && testcorpus.Find() == "" {
				t.Skip("../shared/corpus not found")
			}
			var out, errOut bytes.Buffer
			code := run(ex.args, &out, &errOut)
			if ex.code >= 0 && code != ex.code {
				t.Errorf("exit code %d, README says %d\n%s", code, ex.code, errOut.String())
			}
			if missing := subsequence(strings.Split(out.String(), "\n"), ex.want); missing != "" {
				t.Errorf("the output lacks this README line (or has it out of order):\n%s\n--- output:\n%s", missing, out.String())
			}
		})
	}
	if n < 5 {
		t.Fatalf("found %d README examples; the parser lost them", n)
	}
}

type readmeExample struct {
	args []string
	want []string
	code int // -1: not stated
}

// readmeExamples parses the ```console blocks.
func readmeExamples(text string) []readmeExample {
	var out []readmeExample
	inBlock, exitCodeNext := false, false
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "```console"):
			inBlock = true
		case strings.HasPrefix(line, "```"):
			inBlock = false
		case !inBlock:
		case strings.HasPrefix(line, "$ echo $?"):
			exitCodeNext = true
		case strings.HasPrefix(line, "$ netverify "):
			out = append(out, readmeExample{args: strings.Fields(strings.TrimPrefix(line, "$ netverify ")), code: -1})
		case len(out) > 0 && exitCodeNext:
			exitCodeNext = false
			if c, err := strconv.Atoi(strings.TrimSpace(line)); err == nil {
				out[len(out)-1].code = c
			}
		case len(out) > 0:
			if t := strings.TrimSpace(line); t != "" && t != "..." {
				out[len(out)-1].want = append(out[len(out)-1].want, line)
			}
		}
	}
	return out
}

// subsequence returns the first wanted line not found in order, or "".
func subsequence(got, want []string) string {
	i := 0
	for _, w := range want {
		for i < len(got) && got[i] != w {
			i++
		}
		if i == len(got) {
			return w
		}
		i++
	}
	return ""
}
