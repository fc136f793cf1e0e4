package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/solver/dns"
)

func init() { register(newDNSCmd) }

// dnsServeOpts binds the flags of dns serve.
type dnsServeOpts struct {
	in      inputFlags
	from    string
	listen  string
	verbose bool
}

func newDNSCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "dns", Short: "DNS tools: serve the model's answers to real DNS clients"}
	cmd.AddCommand(newDNSServeCmd())
	return cmd
}

func newDNSServeCmd() *cobra.Command {
	o := &dnsServeOpts{}
	cmd := &cobra.Command{
		Use:   "serve --from WHERE [--listen ADDR]",
		Short: "Run a DNS server (UDP and TCP) that answers as the model resolves for WHERE",
		Long: `Answer every query (UDP and TCP) exactly as "netverify resolve NAME --from WHERE" would,
so that dig, curl or an application can see what a client at WHERE gets. Stops on
interrupt. With -v, each query is logged to stderr with its resolution chain.`,
		Example: `  netverify dns serve --from onprem --listen 127.0.0.1:5353 -v &
  dig @127.0.0.1 -p 5353 a1b2c3d4e5.execute-api.us-east-1.amazonaws.com`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	o.in.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.from, "from", "", "the place whose answers to serve (required)")
	f.StringVar(&o.listen, "listen", "127.0.0.1:5353", "UDP and TCP address to listen on")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "log every query with its chain to stderr")
	return cmd
}

func (o *dnsServeOpts) run(cmd *cobra.Command) error {
	if o.from == "" {
		return usageErr("dns serve needs --from WHERE")
	}
	k, err := loadAsker(cmd, &o.in)
	if err != nil {
		return err
	}
	origin, err := k.Origin(o.from)
	if err != nil {
		return usageErr("--from: %v", err)
	}
	h := &dns.Handler{R: k.DNS(), Origin: origin}
	if o.verbose {
		h.Log = cmd.ErrOrStderr()
	}
	srv, err := dns.Listen(o.listen, h)
	if err != nil {
		return usageErr("%v", err)
	}
	defer srv.Shutdown()
	fmt.Fprintf(cmd.ErrOrStderr(), "netverify: answering DNS as %s on %s (udp and tcp)\n", o.from, srv.Addr)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	return nil
}
