package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
	"github.com/netverify/netverify/solver/scan"
)

func init() { register(newServeCmd) }

// serveOpts binds the flags of serve.
type serveOpts struct {
	in          inputFlags
	listen      string
	allowRemote bool
}

func newServeCmd() *cobra.Command {
	o := &serveOpts{}
	cmd := &cobra.Command{
		Use:   "serve --listen 127.0.0.1:PORT",
		Short: "Answer can-reach, resolve and scan questions as JSON over HTTP, loading the inputs once",
		Long: `serve loads the inputs once and answers questions over HTTP until it is interrupted
(SIGINT or SIGTERM: requests under way finish first). Each answer is the JSON document the
matching command prints with --json (docs/schema/*.json):

  POST /v1/can-reach  {"src", "dst", "proto", "port", "srcPort", "oneWay", "stage",
                       "method", "path", "headers"}     as can-reach SRC DST --json
  POST /v1/resolve    {"name", "from", "type"}           as resolve NAME --from X --json
  POST /v1/scan       {"to"} | {"from"} | {"internetExposure": true}
                                                         as scan --json
  GET  /v1/health     {"status": "ok", "sources": [...], "resources": N}

"port" is a number or a service name, as --port. A can-reach whose answer is several
documents (an API's backend legs) is JSON Lines. The header Netverify-Exit-Code holds the
exit code the command would have ended with (0 yes, 1 no or unknown).

Errors are the error document of --json with a status: 400 for a request that is not
valid (its "field" names the member at fault), 404 for a name that matches nothing (with
"suggestions"), 422 for a question the network cannot be asked (an ICMP port, an API
on port 22), 405 for a method other than POST.

Only loopback addresses are listened on unless --allow-remote is given: the answers
describe the network of the inputs to whoever can connect.`,
		Example: `  netverify serve --listen 127.0.0.1:8080 --in ./aws_configs
  curl -s localhost:8080/v1/can-reach -d '{"src":"web-1","dst":"db-1","port":5432}'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	o.in.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.listen, "listen", "127.0.0.1:8080", "`HOST:PORT` to listen on (port 0: any free port, printed on stderr)")
	f.BoolVar(&o.allowRemote, "allow-remote", false, "listen on a non-loopback address (anyone who can connect learns the network)")
	return cmd
}

func (o *serveOpts) run(cmd *cobra.Command) error {
	if err := checkListen(o.listen, o.allowRemote); err != nil {
		return err
	}
	snap, _, err := o.in.load(cmd)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return usageErr("--listen %s: %v", o.listen, err)
	}
	s := newServer(&o.in, network.Compile(snap))
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	fmt.Fprintf(cmd.ErrOrStderr(), "netverify: serving %d resources of %s on http://%s (POST /v1/can-reach, /v1/resolve, /v1/scan)\n",
		snap.Len(), strings.Join(o.in.sources(), ", "), ln.Addr())
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return err
	}
	fmt.Fprintln(cmd.ErrOrStderr(), "netverify: serve stopped")
	return nil
}

// checkListen refuses an address that is not loopback unless allowed.
func checkListen(addr string, allowRemote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usageErr("--listen %s: want HOST:PORT, e.g. 127.0.0.1:8080", addr)
	}
	if allowRemote || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return usageErr("--listen %s: not a loopback address; the answers describe the inputs' network to anyone who connects (give --allow-remote to listen there anyway)", addr)
}

// server answers the questions of one compiled network. The question layer
// is asked one question at a time (its lookups are not made for concurrent
// use); answers take milliseconds.
type server struct {
	in  *inputFlags
	mu  sync.Mutex
	k   *ask.Asker
	sc  *scan.Scanner
	mux *http.ServeMux
}

func newServer(in *inputFlags, n *network.Network) *server {
	s := &server{in: in, k: ask.New(n), sc: scan.New(n), mux: http.NewServeMux()}
	s.mux.HandleFunc("/v1/can-reach", s.post(s.canReach))
	s.mux.HandleFunc("/v1/resolve", s.post(s.resolve))
	s.mux.HandleFunc("/v1/scan", s.post(s.scan))
	s.mux.HandleFunc("/v1/health", s.health)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeHTTPError(w, http.StatusNotFound, apiError{msg: "no endpoint " + r.URL.Path + " (POST /v1/can-reach, /v1/resolve, /v1/scan; GET /v1/health)"})
	})
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// apiError is an error of one request: its HTTP status, the request member
// at fault, and the names nearest to one that matches nothing.
type apiError struct {
	status      int
	msg         string
	field       string
	suggestions []string
}

func (e apiError) Error() string { return e.msg }

// answer is a handler's result: the documents as the command prints them
// and the command's exit code.
type answer struct {
	body  []byte
	code  int
	jsonl bool // several documents, one a line
}

// post wraps a handler of a JSON request body into an http.HandlerFunc.
func (s *server) post(h func(body []byte) (answer, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeHTTPError(w, http.StatusMethodNotAllowed, apiError{msg: r.Method + " " + r.URL.Path + ": want POST with a JSON body"})
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequest))
		if err != nil {
			writeHTTPError(w, http.StatusRequestEntityTooLarge, apiError{msg: fmt.Sprintf("request body: %v (at most %d bytes)", err, maxRequest)})
			return
		}
		s.mu.Lock()
		a, err := h(body)
		s.mu.Unlock()
		if err != nil {
			var ae apiError
			if !errors.As(err, &ae) {
				ae = apiError{status: http.StatusUnprocessableEntity, msg: err.Error()}
			}
			writeHTTPError(w, ae.status, ae)
			return
		}
		ct := "application/json"
		if a.jsonl {
			ct = "application/jsonl"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Netverify-Exit-Code", strconv.Itoa(a.code))
		_, _ = w.Write(a.body)
	}
}

// maxRequest bounds a request body: a question is a few hundred bytes.
const maxRequest = 1 << 20

func writeHTTPError(w http.ResponseWriter, status int, e apiError) {
	if status == 0 {
		status = http.StatusUnprocessableEntity
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = writeJSON(w, errorJSON{Error: errorBody{Message: strings.TrimSpace(e.msg), ExitCode: 2, Field: e.field, Suggestions: e.suggestions}}, false)
}

// decodeRequest reads a JSON request into v: unknown members and members
// of the wrong type are 400 errors naming the member.
func decodeRequest(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON value")
	}
	if err == nil {
		return nil
	}
	bad := apiError{status: http.StatusBadRequest, msg: "request body: " + err.Error()}
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te):
		bad.field = te.Field
		bad.msg = fmt.Sprintf("request member %q: want %s, not a JSON %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		bad.field = strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		bad.msg = fmt.Sprintf("request member %q is not known", bad.field)
	case errors.Is(err, io.EOF):
		bad.msg = "request body: empty; want a JSON object"
	}
	return bad
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice":
		return "an array"
	case "int", "uint16", "int64":
		return "a number"
	}
	return goKind
}

func missing(field string) error {
	return apiError{status: http.StatusBadRequest, field: field, msg: fmt.Sprintf("request member %q is required", field)}
}

// questionError maps an error of the question layer to a status: a name
// that matches nothing is 404 with its suggestions; anything else 422.
func questionError(err error, field string) error {
	var ne *ask.NameError
	if errors.As(err, &ne) {
		return apiError{status: http.StatusNotFound, msg: err.Error(), field: field, suggestions: ne.Suggestions}
	}
	return apiError{status: http.StatusUnprocessableEntity, msg: err.Error(), field: field}
}

// canReachRequest is the body of POST /v1/can-reach: the arguments and
// flags of can-reach.
type canReachRequest struct {
	Src     string          `json:"src"`
	Dst     string          `json:"dst"`
	Proto   string          `json:"proto"`
	Port    json.RawMessage `json:"port"`
	SrcPort int             `json:"srcPort"`
	OneWay  bool            `json:"oneWay"`
	Stage   string          `json:"stage"`
	Method  string          `json:"method"`
	Path    string          `json:"path"`
	Headers []string        `json:"headers"`
}

// portOf reads "port": a number or a service name, as --port takes.
func (q canReachRequest) portOf() (int, error) {
	raw := bytes.TrimSpace(q.Port)
	if len(raw) == 0 || string(raw) == "null" {
		return -1, nil
	}
	var text string
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &text); err != nil {
			return 0, err
		}
	} else {
		text = string(raw)
	}
	return parsePort(text)
}

func (s *server) canReach(body []byte) (answer, error) {
	var q canReachRequest
	if err := decodeRequest(body, &q); err != nil {
		return answer{}, err
	}
	switch {
	case q.Src == "":
		return answer{}, missing("src")
	case q.Dst == "":
		return answer{}, missing("dst")
	}
	port, err := q.portOf()
	if err != nil {
		return answer{}, apiError{status: http.StatusBadRequest, field: "port", msg: "port " + err.Error()}
	}
	if q.SrcPort < 0 || q.SrcPort > 65535 {
		return answer{}, apiError{status: http.StatusBadRequest, field: "srcPort", msg: fmt.Sprintf("srcPort %d: want a number 0-65535", q.SrcPort)}
	}
	if err := checkPortProto(q.Proto, port); err != nil {
		return answer{}, apiError{status: http.StatusUnprocessableEntity, field: "port", msg: err.Error()}
	}
	o := &canReachOpts{in: *s.in, proto: q.Proto, port: port, srcPort: q.SrcPort, oneWay: q.OneWay, json: true,
		stage: q.Stage, method: q.Method, path: q.Path, headers: q.Headers, format: &formatFlag{val: "json"}}
	a, err := s.k.Ask(o.query(q.Src, q.Dst, q.Proto, port))
	if err != nil {
		return answer{}, questionError(err, endField(err))
	}
	var b bytes.Buffer
	o.printAnswer(&b, q.Src, q.Dst, a)
	return answer{body: b.Bytes(), code: exitOf(a.Reachable()), jsonl: bytes.Count(b.Bytes(), []byte("\n")) > 1}, nil
}

// endField names the request member an error of Ask is about.
func endField(err error) string {
	switch msg := err.Error(); {
	case strings.HasPrefix(msg, "source:"):
		return "src"
	case strings.HasPrefix(msg, "destination:"):
		return "dst"
	case strings.HasPrefix(msg, "protocol"):
		return "proto"
	case strings.HasPrefix(msg, "port"):
		return "port"
	}
	return ""
}

func exitOf(yes bool) int {
	if yes {
		return 0
	}
	return 1
}

// resolveRequest is the body of POST /v1/resolve.
type resolveRequest struct {
	Name string `json:"name"`
	From string `json:"from"`
	Type string `json:"type"`
}

func (s *server) resolve(body []byte) (answer, error) {
	var q resolveRequest
	if err := decodeRequest(body, &q); err != nil {
		return answer{}, err
	}
	switch {
	case q.Name == "":
		return answer{}, missing("name")
	case q.From == "":
		return answer{}, missing("from")
	}
	if q.Type == "" {
		q.Type = "A"
	}
	qtype, err := dns.ParseType(q.Type)
	if err != nil {
		return answer{}, apiError{status: http.StatusBadRequest, field: "type", msg: "type: " + err.Error()}
	}
	if s.k.DNS().Diagnostics.HasErrors() {
		return answer{}, apiError{status: http.StatusUnprocessableEntity, msg: "the DNS input has errors"}
	}
	origin, err := s.k.Origin(q.From)
	if err != nil {
		return answer{}, questionError(err, "from")
	}
	res, err := s.k.DNS().Resolve(origin, q.Name, qtype)
	if err != nil {
		return answer{}, questionError(err, "name")
	}
	var b bytes.Buffer
	if err := writeJSON(&b, res.ToJSON(), true); err != nil {
		return answer{}, err
	}
	return answer{body: b.Bytes(), code: exitOf(res.Resolved())}, nil
}

// scanRequest is the body of POST /v1/scan: exactly one of its members.
type scanRequest struct {
	To               string `json:"to"`
	From             string `json:"from"`
	InternetExposure bool   `json:"internetExposure"`
}

func (s *server) scan(body []byte) (answer, error) {
	var q scanRequest
	if err := decodeRequest(body, &q); err != nil {
		return answer{}, err
	}
	modes := 0
	for _, on := range []bool{q.To != "", q.From != "", q.InternetExposure} {
		if on {
			modes++
		}
	}
	if modes != 1 {
		return answer{}, apiError{status: http.StatusBadRequest, msg: `scan needs exactly one of "to", "from" or "internetExposure": true`}
	}
	o := &scanOpts{json: true, format: &formatFlag{val: "json"}}
	var b bytes.Buffer
	if q.InternetExposure {
		ex, _, err := s.sc.InternetExposure()
		if err != nil {
			return answer{}, questionError(err, "")
		}
		ex = append(ex, s.k.FunctionURLExposure()...)
		if err := o.printExposure(&b, ex); err != nil {
			return answer{}, err
		}
		return answer{body: b.Bytes(), code: exitOf(scan.Decided(ex))}, nil
	}
	name, dir, field := q.To, scan.To, "to"
	if q.From != "" {
		name, dir, field = q.From, scan.From, "from"
	}
	end, err := s.k.Resolve(name)
	if err != nil {
		return answer{}, questionError(err, field)
	}
	ep := end.Packet
	if !end.HasPacket() || (ep.Kind != reach.AtENI && ep.Kind != reach.AtInternet && ep.Kind != reach.AtOnPrem) {
		return answer{}, apiError{status: http.StatusUnprocessableEntity, field: field,
			msg: fmt.Sprintf("%s is %s: scan needs an interface, an on-premises host or an internet host", name, end.Kind)}
	}
	r, err := s.sc.Scan(ep, dir, scan.AllPeers)
	if err != nil {
		return answer{}, questionError(err, field)
	}
	if err := o.printResult(&b, r); err != nil {
		return answer{}, err
	}
	return answer{body: b.Bytes()}, nil
}

// health says the server is up and what it answers about.
func (s *server) health(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeHTTPError(w, http.StatusMethodNotAllowed, apiError{msg: r.Method + " " + r.URL.Path + ": want GET"})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"status": "ok", "sources": s.in.sources(), "resources": s.k.Network().Snap.Len()})
}
