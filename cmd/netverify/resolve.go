package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/network"
)

func init() { register(newResolveCmd) }

// resolveOpts binds the flags of resolve.
type resolveOpts struct {
	in    inputFlags
	from  string
	qtype string
	json  bool
}

func newResolveCmd() *cobra.Command {
	o := &resolveOpts{}
	cmd := &cobra.Command{
		Use:   "resolve NAME --from WHERE",
		Short: "What does NAME resolve to from WHERE? Which resolver, rule and zone decided",
		Long: `Resolve NAME as a host at WHERE would: through its VPC Resolver (Resolver rules, private
hosted zones, interface endpoint private DNS, Amazon-provided names), its on-premises DNS
server (zone files, conditional forwarders), inbound and outbound Resolver endpoints, and
public DNS. Every DNS packet that crosses the network is checked on udp/53.

WHERE is a client, an ENI/instance/function, an IP address, a subnet or VPC, an inbound
Resolver endpoint, an on-premises site or DNS server, or "internet".

Exit code: 0 resolved, 1 not resolved (NXDOMAIN, NODATA, SERVFAIL), 2 usage or input error.`,
		Example: `  netverify resolve a1b2c3d4e5.execute-api.us-east-1.amazonaws.com --from onprem
  netverify resolve ssm.us-east-1.amazonaws.com --from orders-fn --json
  netverify resolve www.example.com --from internet --type AAAA`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	o.in.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.from, "from", "", "where the query starts (required)")
	f.StringVar(&o.qtype, "type", "A", "query type: A, AAAA or CNAME")
	f.BoolVar(&o.json, "json", false, "print JSON: name, type, from, rcode, answers, chain")
	return cmd
}

func (o *resolveOpts) run(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageErr("resolve needs one NAME")
	}
	if o.from == "" {
		return usageErr("resolve needs --from WHERE")
	}
	qtype, err := dns.ParseType(o.qtype)
	if err != nil {
		return usageErr("--type: %v", err)
	}
	k, err := loadAsker(cmd, &o.in)
	if err != nil {
		return err
	}
	origin, err := k.Origin(o.from)
	if err != nil {
		return usageErr("--from: %v", err)
	}
	res, err := k.DNS().Resolve(origin, args[0], qtype)
	if err != nil {
		return usageErr("%v", err)
	}
	if o.json {
		if err := writeJSON(cmd.OutOrStdout(), res.ToJSON(), true); err != nil {
			return err
		}
	} else {
		printResult(cmd.OutOrStdout(), res)
	}
	if !res.Resolved() {
		return silentExit(1)
	}
	return nil
}

// loadAsker loads the sources and builds the question layer with its DNS
// model; zone files that do not parse are reported on stderr and are input
// errors.
func loadAsker(cmd *cobra.Command, in *inputFlags) (*ask.Asker, error) {
	snap, _, err := in.load(cmd)
	if err != nil {
		return nil, err
	}
	k := ask.New(network.Compile(snap))
	printDiagnostics(cmd.ErrOrStderr(), k.DNS().Diagnostics, model.SevWarning)
	if k.DNS().Diagnostics.HasErrors() {
		return nil, usageErr("the DNS input has errors")
	}
	return k, nil
}

func printResult(w io.Writer, res *dns.Result) {
	fmt.Fprintf(w, "%s %s from %s: %s\n", res.Name, res.TypeString(), res.From, res.RcodeString())
	for _, a := range res.Answers {
		fmt.Fprintf(w, "  %s\n", a)
	}
	if len(res.Answers) == 0 && res.RcodeString() == "NOERROR" {
		fmt.Fprintf(w, "  (no %s record: NODATA)\n", res.TypeString())
	}
	fmt.Fprintln(w, "chain:")
	dns.WriteChain(w, res, "  ")
}
