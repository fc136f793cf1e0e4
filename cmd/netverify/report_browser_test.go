package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/netverify/netverify/importers/load"
	"github.com/netverify/netverify/internal/testcorpus"
	"github.com/netverify/netverify/scenarios"
)

// chromium finds a Chromium (Debian's chromium package) or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH: the report's browser test needs it (apt-get install chromium; .ci/run installs it)")
	return ""
}

// browser starts a headless Chromium with a fresh profile that reaches nothing.
func browser(t *testing.T, bin string) (context.Context, context.CancelFunc) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1600, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 4*time.Minute)
	return ctx, func() { cancelT(); cancelC(); cancelA() }
}

// pageWatch records what a page must not do: log an error or a warning,
// throw, or ask the network for anything.
type pageWatch struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

func (w *pageWatch) listen(ctx context.Context, page string) error {
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && e.Request.URL != page {
			w.mu.Lock()
			w.requests = append(w.requests, e.Request.URL)
			w.mu.Unlock()
		}
	})
	if err != nil {
		return err
	}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.Type == chromedp.ConsoleException {
				w.mu.Lock()
				w.errors = append(w.errors, string(m.Type)+": "+m.Text)
				w.mu.Unlock()
			}
		}
	}()
	return nil
}

// TestReportInBrowser opens reports in headless Chromium (issue 23 item 2):
// no console error and no network request; the search finds a node; the
// question box answers as can-reach does; a screenshot is kept
// ($REPORT_SCREENSHOT, else the test's temporary directory).
func TestReportInBrowser(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	for _, c := range []struct {
		src  string
		ask  map[string]string
		args []string
		shot string
	}{
		{defaultSource, map[string]string{"#q-src": "onprem", "#q-dst": "private-api"}, []string{"can-reach", "onprem", "private-api"}, "report.png"},
		{"example:nacl-ephemeral", map[string]string{"#q-src": "client", "#q-dst": "web", "#q-port": "443"},
			[]string{"can-reach", "--in", "example:nacl-ephemeral", "client", "web", "--port", "443"}, "report-nacl-ephemeral.png"},
	} {
		t.Run(c.src, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(c.src, ":", "-")+".html")
			var o, e bytes.Buffer
			if code := run([]string{"report", "--in", c.src, "--out", out}, &o, &e); code != 0 {
				t.Fatalf("report: exit %d: %s", code, e.String())
			}
			want, _ := cliAnswer(t, c.args)
			snap, _, err := load.All([]string{c.src}, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			find := snap.Subnets[0].ID
			ctx, cancel := browser(t, bin)
			defer cancel()
			page := "file://" + out
			w := &pageWatch{}
			if err := w.listen(ctx, page); err != nil {
				t.Fatalf("chromium: %v", err)
			}
			// The page is driven through its DOM (values set, input and click
			// events dispatched) as a user's typing and clicking would.
			must(t, chromedp.Do(ctx, chromedp.Navigate(page)))
			waitJS(t, ctx, `document.getElementById("box-status").dataset.ready === "1"`, w)
			evalJS(t, ctx, `(function(){var s=document.getElementById("search"); s.value=`+strconv.Quote(find)+`; s.dispatchEvent(new Event("input")); return ""})()`)
			waitJS(t, ctx, `document.querySelectorAll("#search-results li").length > 0`, w)
			found := evalJS(t, ctx, `(function(){var li=document.querySelector("#search-results li"); var s=li.textContent; li.click(); return s})()`)
			details := evalJS(t, ctx, `document.querySelector("#tab-details h2").textContent`)
			js := `document.querySelector('#tabs button[data-tab="ask"]').click();`
			for sel, v := range c.ask {
				js += `document.querySelector(` + strconv.Quote(sel) + `).value = ` + strconv.Quote(v) + `;`
			}
			evalJS(t, ctx, `(function(){`+js+`document.getElementById("q-ask").click(); return ""})()`)
			waitJS(t, ctx, `document.getElementById("answer").dataset.done !== undefined`, w)
			answer := evalJS(t, ctx, `document.getElementById("answer").textContent`)
			must(t, chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)))
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			must(t, err)
			if !strings.Contains(found, find) || !strings.Contains(details, find) {
				t.Errorf("search %q: first result %q, details %q", find, found, details)
			}
			if answer != want {
				t.Errorf("the question box answers\n%s\ncan-reach answers\n%s", answer, want)
			}
			w.mu.Lock()
			if len(w.errors) > 0 {
				t.Errorf("console errors: %q", w.errors)
			}
			if len(w.requests) > 0 {
				t.Errorf("the report asked the network: %q", w.requests)
			}
			w.mu.Unlock()
			shots := os.Getenv("REPORT_SCREENSHOT")
			if shots == "" {
				shots = dir
			}
			if err := os.MkdirAll(shots, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, c.shot), png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot %s", filepath.Join(shots, c.shot))
		})
	}
}

// evalJS evaluates a JavaScript expression that yields a string.
func evalJS(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("chromium: %s: %v", expr, err)
	}
	return s
}

// waitJS waits until a JavaScript condition holds (a minute at most).
func waitJS(t *testing.T, ctx context.Context, cond string, w *pageWatch) {
	t.Helper()
	for range 300 {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err != nil {
			t.Fatalf("chromium: %s: %v", cond, err)
		}
		if ok {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	t.Fatalf("chromium: %s did not hold within a minute (console: %q)", cond, w.errors)
}

// TestReportsOpenOffline: the report of every built-in example (the two of
// TestReportInBrowser there) and of two
// corpus labs (describe-JSON, when the corpus is beside the repository)
// opens in Chromium with its question box ready, no console error and no
// network request (issue 23 acceptance).
func TestReportsOpenOffline(t *testing.T) {
	bin := chromium(t)
	srcs := []string{}
	for _, ex := range scenarios.Examples() {
		if src := "example:" + ex.Name; src != defaultSource && src != "example:nacl-ephemeral" { // TestReportInBrowser opens those
			srcs = append(srcs, src)
		}
	}
	if c := testcorpus.Find(); c != "" {
		for _, lab := range []string{"aws_tgw_multi_az_intra_region", "aws_multi_account_vpc_peering"} {
			srcs = append(srcs, filepath.Join(c, "batfish", "lab-validation", lab, "aws_configs"))
		}
	}
	dir := t.TempDir()
	ctx, cancel := browser(t, bin)
	defer cancel()
	for i, src := range srcs {
		out := filepath.Join(dir, fmt.Sprintf("report-%d.html", i))
		var o, e bytes.Buffer
		if code := run([]string{"report", "--in", src, "--out", out}, &o, &e); code != 0 {
			t.Fatalf("report --in %s: exit %d: %s", src, code, e.String())
		}
		tab, closeTab := chromedp.NewContext(ctx)
		page := "file://" + out
		w := &pageWatch{}
		must(t, w.listen(tab, page))
		must(t, chromedp.Do(tab, chromedp.Navigate(page)))
		waitJS(t, tab, `document.getElementById("box-status").dataset.ready === "1"`, w)
		nodes := evalJS(t, tab, `String(document.querySelectorAll("#names option").length)`)
		w.mu.Lock()
		if len(w.errors) > 0 || len(w.requests) > 0 {
			t.Errorf("%s: console errors %q, network requests %q", src, w.errors, w.requests)
		}
		w.mu.Unlock()
		t.Logf("%s: opens offline, %s names in the question box", filepath.Base(src), nodes)
		closeTab()
	}
}
