package dns

import (
	"fmt"
	"io"
	"net"
	"strings"
	"sync"

	mdns "github.com/miekg/dns"
)

// Handler answers real DNS queries (UDP or TCP, miekg/dns) as the model
// resolves them for one origin. Log, when set, receives one line per query
// and the chain of each.
type Handler struct {
	R      *Resolver
	Origin Origin
	Log    io.Writer
	mu     sync.Mutex
}

// ServeDNS implements mdns.Handler.
func (h *Handler) ServeDNS(w mdns.ResponseWriter, req *mdns.Msg) {
	m := new(mdns.Msg)
	m.SetReply(req)
	m.RecursionAvailable = true
	if len(req.Question) != 1 {
		m.Rcode = mdns.RcodeFormatError
		_ = w.WriteMsg(m)
		return
	}
	qq := req.Question[0]
	res, err := h.R.Resolve(h.Origin, qq.Name, qq.Qtype)
	if err != nil {
		m.Rcode = mdns.RcodeFormatError
		_ = w.WriteMsg(m)
		return
	}
	m.Rcode = res.Rcode
	for _, a := range res.Answers {
		rr, err := mdns.NewRR(a.String())
		if err == nil {
			m.Answer = append(m.Answer, rr)
		}
	}
	h.log(res)
	_ = w.WriteMsg(m)
}

func (h *Handler) log(res *Result) {
	if h.Log == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintf(h.Log, "%s %s from %s: %s %s\n", res.Name, res.TypeString(), res.From, res.RcodeString(), strings.Join(res.Addresses(), " "))
	WriteChain(h.Log, res, "  ")
}

// WriteChain prints the chain one step a line, indented by depth, with the
// explanations of blocked network checks.
func WriteChain(w io.Writer, res *Result, indent string) {
	for _, s := range res.Chain {
		pad := indent + strings.Repeat("  ", s.Depth)
		rule := ""
		if s.Rule != "" {
			rule = " (" + s.Rule + ")"
		}
		fmt.Fprintf(w, "%s%s %s: %s%s\n", pad, s.Actor, s.Action, s.Detail, rule)
		if s.Check == nil {
			continue
		}
		if s.Check.Note != "" {
			fmt.Fprintf(w, "%s    note: %s\n", pad, s.Check.Note)
		}
		for _, e := range s.Check.Explanations {
			fmt.Fprintf(w, "%s    blocked by %s (%s, %s): %s\n", pad, e.Component, e.Code, e.Direction, e.Detail)
		}
	}
}

// Server is a UDP and a TCP DNS server on the same address.
type Server struct {
	udp, tcp *mdns.Server
	// Addr is the address both listen on (the port chosen when addr had port 0).
	Addr string
}

// Listen opens UDP and TCP sockets on addr ("127.0.0.1:5353", or port 0 for
// any free port, the same for both) and starts answering with h. It returns
// once both servers are listening.
func Listen(addr string, h mdns.Handler) (*Server, error) {
	pc, err := net.ListenPacket("udp", addr)
	if err != nil {
		return nil, fmt.Errorf("dns serve: %w", err)
	}
	ln, err := net.Listen("tcp", pc.LocalAddr().String())
	if err != nil {
		pc.Close()
		return nil, fmt.Errorf("dns serve: %w", err)
	}
	s := &Server{Addr: pc.LocalAddr().String()}
	var started sync.WaitGroup
	started.Add(2)
	s.udp = &mdns.Server{PacketConn: pc, Handler: h, NotifyStartedFunc: started.Done}
	s.tcp = &mdns.Server{Listener: ln, Handler: h, NotifyStartedFunc: started.Done}
	errs := make(chan error, 2)
	go func() { errs <- s.udp.ActivateAndServe() }()
	go func() { errs <- s.tcp.ActivateAndServe() }()
	done := make(chan struct{})
	go func() { started.Wait(); close(done) }()
	select {
	case <-done:
		return s, nil
	case err := <-errs:
		s.Shutdown()
		return nil, fmt.Errorf("dns serve: %w", err)
	}
}

// Shutdown stops both servers.
func (s *Server) Shutdown() {
	_ = s.udp.Shutdown()
	_ = s.tcp.Shutdown()
}
