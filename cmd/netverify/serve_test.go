package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/netverify/netverify/importers/load"
	"github.com/netverify/netverify/internal/snapcache"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
	"github.com/netverify/netverify/solver/network"
)

// startServer serves the sources on 127.0.0.1, as serve does.
func startServer(t *testing.T, sources ...string) (*httptest.Server, *model.Snapshot) {
	t.Helper()
	in := &inputFlags{in: sources}
	snap, diags, err := load.All(sources, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	snapcache.Canonical(snap)
	in.diags = diags
	srv := httptest.NewServer(newServer(in, network.Compile(snap)))
	t.Cleanup(srv.Close)
	return srv, snap
}

// post sends one request and returns the status, the body and the exit
// code the answer stands for.
func post(t *testing.T, c *http.Client, url string, body any) (int, []byte, string) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := c.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, out, resp.Header.Get("Netverify-Exit-Code")
}

// cli runs netverify with args and returns its stdout and exit code.
func cli(args ...string) ([]byte, int) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return out.Bytes(), code
}

// serve answers every question exactly as the CLI prints it with --json:
// every can-reach, cannot-reach, only-ports and resolves-to intent of every
// built-in example, and generated pairs of interfaces of a synthetic estate
// (against can-reach --flows --json), 10,000 questions in all. The verdict,
// the path, the explanations and the warnings are the same document, byte
// for byte, and the exit code header is the CLI's exit code.
func TestServeAnswersLikeTheCLI(t *testing.T) {
	c := &http.Client{}
	asked := 0
	for _, ex := range scenarios.Examples() {
		src := "example:" + ex.Name
		srv, snap := startServer(t, src)
		for _, in := range snap.Intents {
			var req map[string]any
			var args []string
			endpoint := "/v1/can-reach"
			switch in.Kind {
			case model.IntentResolvesTo:
				endpoint = "/v1/resolve"
				req = map[string]any{"name": in.Name, "from": in.From}
				args = []string{"resolve", in.Name, "--from", in.From, "--json", "--in", src}
			default:
				req = map[string]any{"src": in.From, "dst": in.To}
				args = []string{"can-reach", in.From, in.To, "--json", "--in", src}
				if in.Protocol != "" {
					req["proto"] = in.Protocol
					args = append(args, "--proto", in.Protocol)
				}
				if in.Port != 0 {
					req["port"] = in.Port
					args = append(args, "--port", strconv.Itoa(in.Port))
				}
			}
			want, code := cli(args...)
			status, got, exit := post(t, c, srv.URL+endpoint, req)
			asked++
			if code == 2 {
				if status < 400 {
					t.Errorf("%s %v: the CLI refuses the question (exit 2), serve answers %d", ex.Name, args, status)
				}
				continue
			}
			if status != http.StatusOK || !bytes.Equal(got, want) || exit != strconv.Itoa(code) {
				t.Errorf("%s %v: serve %d (exit %s):\n%s\nCLI (exit %d):\n%s", ex.Name, args, status, exit, got, code, want)
			}
		}
	}
	t.Logf("%d questions from the intents of the built-in examples", asked)
	asked += synthPairs(t, c, 10_000-asked)
	if asked < 10_000 {
		t.Fatalf("%d questions asked, want 10,000", asked)
	}
}

// synthPairs asks n questions between interfaces of a synthetic estate,
// over HTTP and with can-reach --flows --json, and compares the answers.
func synthPairs(t *testing.T, c *http.Client, n int) int {
	dir := filepath.Join(t.TempDir(), "estate")
	if _, code := cli("synth", "--vpcs", "4", "--seed", "3", "--out", dir); code != 0 {
		t.Fatal("synth failed")
	}
	srv, snap := startServer(t, dir)
	type flow struct {
		src, dst, proto string
		port            int
	}
	protos := []struct {
		proto string
		port  int
	}{{"tcp", 443}, {"tcp", 22}, {"tcp", 5432}, {"udp", 53}, {"icmp", -1}, {"tcp", 8080}}
	var flows []flow
	var csv strings.Builder
	csv.WriteString("src,dst,proto,port\n")
	enis := snap.ENIs
	for i := 0; len(flows) < n; i++ {
		a, b := enis[(i*7)%len(enis)], enis[(i*13+5)%len(enis)]
		p := protos[i%len(protos)]
		f := flow{a.ID, b.ID, p.proto, p.port}
		if i%50 == 0 {
			f.dst = "internet"
		}
		flows = append(flows, f)
		port := ""
		if f.port >= 0 {
			port = strconv.Itoa(f.port)
		}
		fmt.Fprintf(&csv, "%s,%s,%s,%s\n", f.src, f.dst, f.proto, port)
	}
	file := filepath.Join(t.TempDir(), "flows.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := cli("can-reach", "--flows", file, "--json", "--in", dir)
	if code == 2 {
		t.Fatalf("can-reach --flows: exit 2")
	}
	lines := bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n"))
	if len(lines) != len(flows) {
		t.Fatalf("can-reach --flows printed %d answers for %d flows", len(lines), len(flows))
	}
	verdicts := map[string]int{}
	for i, f := range flows {
		req := map[string]any{"src": f.src, "dst": f.dst, "proto": f.proto}
		if f.port >= 0 {
			req["port"] = f.port
		}
		status, got, exit := post(t, c, srv.URL+"/v1/can-reach", req)
		want := append(bytes.Clone(lines[i]), '\n')
		if status != http.StatusOK || !bytes.Equal(got, want) {
			t.Fatalf("flow %d %+v: serve %d:\n%s\nCLI:\n%s", i+2, f, status, got, want)
		}
		var doc struct {
			Reachable bool   `json:"reachable"`
			Verdict   string `json:"verdict"`
		}
		_ = json.Unmarshal(got, &doc)
		if exit != strconv.Itoa(exitOf(doc.Reachable)) {
			t.Fatalf("flow %d: exit code header %s for reachable=%v", i+2, exit, doc.Reachable)
		}
		verdicts[doc.Verdict]++
	}
	if verdicts["reachable"] == 0 || verdicts["blocked"] == 0 {
		t.Errorf("verdicts %v: want both reachable and blocked flows among the generated pairs", verdicts)
	}
	return len(flows)
}

// Bad requests are 400 with the member at fault; names that match nothing
// 404 with the CLI's suggestions; questions the network cannot be asked 422.
func TestServeErrors(t *testing.T) {
	srv, _ := startServer(t, "example:serverless-hybrid")
	c := &http.Client{}
	for _, tc := range []struct {
		path   string
		body   string
		status int
		field  string
	}{
		{"/v1/can-reach", `{"src":"onprem","dst":"orders-fn","port":"htps"}`, 400, "port"},
		{"/v1/can-reach", `{"src":"onprem","dst":"orders-fn","port":70000}`, 400, "port"},
		{"/v1/can-reach", `{"src":"onprem","dst":"orders-fn","prot":"tcp"}`, 400, "prot"},
		{"/v1/can-reach", `{"src":"onprem","dst":"orders-fn","oneWay":"yes"}`, 400, "oneWay"},
		{"/v1/can-reach", `{"dst":"orders-fn"}`, 400, "src"},
		{"/v1/can-reach", `{"src":"onprem"`, 400, ""},
		{"/v1/can-reach", ``, 400, ""},
		{"/v1/can-reach", `{"src":"onprem","dst":"orders-fm","port":443}`, 404, "dst"},
		{"/v1/can-reach", `{"src":"onprem","dst":"orders-fn","proto":"icmp","port":22}`, 422, "port"},
		{"/v1/can-reach", `{"src":"onprem","dst":"orders-fn","proto":"sctp"}`, 422, "proto"},
		{"/v1/resolve", `{"name":"example.com"}`, 400, "from"},
		{"/v1/resolve", `{"name":"example.com","from":"nowhere-host"}`, 404, "from"},
		{"/v1/scan", `{"to":"orders-fn","from":"onprem"}`, 400, ""},
		{"/v1/scan", `{"to":"ordres-fn"}`, 404, "to"},
		{"/v1/nothing", `{}`, 404, ""},
	} {
		resp, err := c.Post(srv.URL+tc.path, "application/json", strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		var e errorJSON
		err = json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if err != nil || resp.StatusCode != tc.status || e.Error.Field != tc.field || e.Error.Message == "" {
			t.Errorf("%s %s: %d %+v (%v), want %d naming %q", tc.path, tc.body, resp.StatusCode, e, err, tc.status, tc.field)
		}
		if tc.status == 404 && tc.path != "/v1/nothing" && len(e.Error.Suggestions) == 0 {
			t.Errorf("%s %s: no suggestions", tc.path, tc.body)
		}
	}
	big := `{"src":"onprem","dst":"orders-fn","path":"` + strings.Repeat("a", 2<<20) + `"}`
	resp, err := c.Post(srv.URL+"/v1/can-reach", "application/json", strings.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2 MiB request: %d, want 413", resp.StatusCode)
	}
	resp, err = c.Get(srv.URL + "/v1/can-reach")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /v1/can-reach: %d, want 405", resp.StatusCode)
	}
}

// lockedBuffer is a buffer two goroutines can share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serve answers until SIGINT, then stops with exit code 0.
func TestServeStopsOnSIGINT(t *testing.T) {
	var stderr lockedBuffer
	done := make(chan int, 1)
	go func() { done <- run([]string{"serve", "--listen", "127.0.0.1:0"}, io.Discard, &stderr) }()
	var url string
	for deadline := time.Now().Add(time.Minute); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		sc := bufio.NewScanner(strings.NewReader(stderr.String()))
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), " on http://"); ok {
				url = "http://" + strings.Fields(rest)[0]
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve ended with %d before serving: %s", code, stderr.String())
		default:
		}
	}
	if url == "" {
		t.Fatalf("serve did not start: %s", stderr.String())
	}
	status, _, _ := post(t, &http.Client{}, url+"/v1/can-reach", map[string]any{"src": "onprem", "dst": "10.10.1.10", "port": 443})
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(stderr.String(), "serve stopped") {
			t.Fatalf("serve ended with %d: %s", code, stderr.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop on SIGINT")
	}
}

// serve listens only on loopback addresses unless --allow-remote.
func TestServeRefusesRemoteListen(t *testing.T) {
	for addr, ok := range map[string]bool{"127.0.0.1:0": true, "[::1]:0": true, "localhost:0": true,
		"0.0.0.0:8080": false, ":8080": false, "192.0.2.1:80": false, "nonsense": false} {
		if err := checkListen(addr, false); (err == nil) != ok {
			t.Errorf("--listen %s: %v", addr, err)
		}
	}
	if err := checkListen("0.0.0.0:8080", true); err != nil {
		t.Errorf("--allow-remote: %v", err)
	}
}
