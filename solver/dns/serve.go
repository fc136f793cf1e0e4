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

// ServeDNS implements mdns.Handler. Replies fit the transport: over UDP in
// 512 bytes, or the client's EDNS(0) buffer size (RFC 6891), compressed and
// truncated with TC set when the answer is larger, so that the client asks
// again over TCP (RFC 7766); over TCP in one 64 KiB message.
//
// What the model does not resolve is refused rather than answered empty:
// classes other than IN (CHAOS's version.bind included) are REFUSED, zone
// transfers (AXFR, IXFR: a resolver serves no zones to transfer) are REFUSED,
// and ANY is NOTIMP (the model knows A, AAAA and CNAME records only, so an
// ANY answer would look complete without being so; RFC 8482 lets a server
// decline it). Opcodes other than QUERY are NOTIMP.
func (h *Handler) ServeDNS(w mdns.ResponseWriter, req *mdns.Msg) {
	m := h.reply(req)
	size := replySize(w, req)
	if opt := req.IsEdns0(); opt != nil {
		m.SetEdns0(uint16(min(size, 4096)), false)
	}
	m.Truncate(size)
	m.Compress = true // Truncate leaves small replies uncompressed; compressed is never longer
	if err := w.WriteMsg(m); err != nil && h.Log != nil {
		h.mu.Lock()
		fmt.Fprintf(h.Log, "reply to %s: %v\n", w.RemoteAddr(), err)
		h.mu.Unlock()
	}
}

// reply answers req without regard to size.
func (h *Handler) reply(req *mdns.Msg) *mdns.Msg {
	m := new(mdns.Msg)
	m.SetReply(req)
	m.RecursionAvailable = true
	if req.Opcode != mdns.OpcodeQuery {
		m.Rcode = mdns.RcodeNotImplemented
		return m
	}
	if len(req.Question) != 1 {
		m.Rcode = mdns.RcodeFormatError
		return m
	}
	qq := req.Question[0]
	switch {
	case qq.Qclass != mdns.ClassINET:
		m.Rcode = mdns.RcodeRefused
		return m
	case qq.Qtype == mdns.TypeAXFR || qq.Qtype == mdns.TypeIXFR:
		m.Rcode = mdns.RcodeRefused
		return m
	case qq.Qtype == mdns.TypeANY:
		m.Rcode = mdns.RcodeNotImplemented
		return m
	case qq.Name == ".":
		// The root holds no A, AAAA or CNAME records: no data.
		return m
	}
	res, err := h.R.Resolve(h.Origin, qq.Name, qq.Qtype)
	if err != nil {
		m.Rcode = mdns.RcodeFormatError
		return m
	}
	m.Rcode = res.Rcode
	for _, a := range res.Answers {
		rr, err := mdns.NewRR(a.String())
		if err == nil {
			m.Answer = append(m.Answer, rr)
		}
	}
	h.log(res)
	return m
}

// replySize is the largest reply the client takes: 64 KiB over TCP; over UDP
// its EDNS(0) buffer size, or 512 bytes without EDNS (RFC 1035 4.2.1).
func replySize(w mdns.ResponseWriter, req *mdns.Msg) int {
	if _, tcp := w.RemoteAddr().(*net.TCPAddr); tcp {
		return mdns.MaxMsgSize
	}
	if opt := req.IsEdns0(); opt != nil {
		return max(int(opt.UDPSize()), mdns.MinMsgSize)
	}
	return mdns.MinMsgSize
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
