package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
	"github.com/netverify/netverify/solver/scan"
)

func init() { register(newScanCmd) }

// scanOpts binds the flags of scan.
type scanOpts struct {
	in       inputFlags
	to, from string
	exposure bool
	json     bool
	format   *formatFlag
}

func newScanCmd() *cobra.Command {
	o := &scanOpts{}
	cmd := &cobra.Command{
		Use:   "scan --to X | --from X | --internet-exposure",
		Short: "Exact sets: what can reach X, what X can reach, what is open to the internet",
		Long: `scan answers set questions exactly. Peer addresses are split at every boundary of
every CIDR in the snapshot's rules, routes and prefix lists, ports at every boundary of
every rule's port range, and one packet per class is walked forward and back, so the
answer covers every address and port without sampling.

  --to X               which interfaces, on-premises ranges and internet ranges can open
                       connections to X, on which protocols and ports, via which gateways
  --from X             what X can open connections to
  --internet-exposure  for every interface with a public or IPv6 address: the ports open to
                       which internet ranges, via which internet gateway

Lines read "tcp 22,443 from 0.0.0.0/0 via igw-1", or "from 0.0.0.0/0 except ..." when
that is shorter. ICMP means echo (ping). Interfaces, sites and the internet are scanned
over IPv4; an interface's IPv6 address is scanned against the IPv6 internet too.
Output is sorted and deterministic.`,
		Example: `  netverify scan --to web-1
  netverify scan --from i-0abc --in ./aws_configs --json
  netverify scan --internet-exposure --in ./aws_configs`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	o.in.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.to, "to", "", "what can reach `X` (a name as for can-reach)")
	f.StringVar(&o.from, "from", "", "what `X` can reach")
	f.BoolVar(&o.exposure, "internet-exposure", false, "every interface reachable from the internet, with its open ports")
	f.BoolVar(&o.json, "json", false, "print JSON (--format json)")
	o.format = bindFormat(cmd, &o.in, "text", "json", "table")
	return cmd
}

func (o *scanOpts) run(cmd *cobra.Command, args []string) error {
	modes := 0
	for _, on := range []bool{o.to != "", o.from != "", o.exposure} {
		if on {
			modes++
		}
	}
	if o.json {
		o.format.val = "json"
	}
	o.json = o.format.val == "json"
	if len(args) != 0 || modes != 1 {
		return usageErr("scan needs exactly one of --to X, --from X or --internet-exposure")
	}
	snap, _, err := o.in.load(cmd)
	if err != nil {
		return err
	}
	n := network.Compile(snap)
	s := scan.New(n)
	w := cmd.OutOrStdout()
	if o.exposure {
		ex, _, err := s.InternetExposure()
		if err != nil {
			return usageErr("%v", err)
		}
		ex = append(ex, ask.New(n).FunctionURLExposure()...)
		if err := o.printExposure(w, ex); err != nil {
			return err
		}
		if !o.json && o.format.val != "table" {
			for _, line := range s.BlockedByBPA(ex) {
				fmt.Fprintf(w, "note: %s\n", line) // R3.50
			}
		}
		if scan.Decided(ex) {
			return nil
		}
		return silentExit(1) // issue 17: what could not be decided is not "closed"
	}
	name, dir := o.to, scan.To
	if o.from != "" {
		name, dir = o.from, scan.From
	}
	end, err := ask.New(n).Resolve(name)
	if err != nil {
		return usageErr("%v", err)
	}
	ep := end.Packet
	if !end.HasPacket() || (ep.Kind != reach.AtENI && ep.Kind != reach.AtInternet && ep.Kind != reach.AtOnPrem) {
		return usageErr("%s is %s: scan needs an interface, an on-premises host or an internet host", name, end.Kind)
	}
	r, err := s.Scan(ep, dir, scan.AllPeers)
	if err != nil {
		return usageErr("%v", err)
	}
	return o.printResult(w, r)
}

func (o *scanOpts) printResult(w io.Writer, r *scan.Result) error {
	if o.json {
		return writeJSON(w, r, true)
	}
	if o.format.val == "table" {
		return writeScanTable(w, r.Entries, r.Warnings)
	}
	verb := "can be reached by"
	if r.Direction == scan.From {
		verb = "can reach"
	}
	fmt.Fprintf(w, "%s %s (%d classes walked):\n", r.Endpoint, verb, r.Walked)
	if len(r.Entries) == 0 {
		fmt.Fprintln(w, "  nothing")
	}
	for _, e := range r.Entries {
		fmt.Fprintf(w, "  %s\n", e)
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	return nil
}

func (o *scanOpts) printExposure(w io.Writer, ex []scan.Exposure) error {
	if o.json {
		if ex == nil {
			ex = []scan.Exposure{}
		}
		return writeJSON(w, ex, true)
	}
	if o.format.val == "table" {
		return writeExposureTable(w, ex)
	}
	if len(ex) == 0 {
		fmt.Fprintln(w, "no interface is reachable from the internet")
	}
	for _, x := range ex {
		if x.Undecided != "" {
			fmt.Fprintf(w, "%s: not decided: %s\n", strings.TrimSpace(x.Label+" "+x.Private), x.Undecided)
			continue
		}
		var addrs []string
		if x.PublicIP != "" {
			addrs = append(addrs, "public "+x.PublicIP)
		}
		if x.IPv6 != "" {
			addrs = append(addrs, "IPv6 "+x.IPv6)
		}
		if x.Private == "" && len(addrs) == 0 {
			fmt.Fprintf(w, "%s:\n", x.Label) // a function URL: no interface
		} else {
			fmt.Fprintf(w, "%s %s (%s):\n", x.Label, x.Private, strings.Join(addrs, ", "))
		}
		for _, e := range x.Entries {
			fmt.Fprintf(w, "  %s\n", e)
		}
		for _, c := range x.Conditions {
			fmt.Fprintf(w, "  only if: %s\n", c)
		}
		for _, warn := range x.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", warn)
		}
	}
	return nil
}

// scanColumns are the columns of scan --format table (pybatfish-style).
var scanColumns = []string{"PROTO", "PORTS", "PEER_KIND", "PEER", "CIDRS", "EXCEPT", "VIA", "SRC_PORTS"}

func scanRow(e scan.Entry) []string {
	ports := e.Ports
	if ports == "" && strings.HasPrefix(e.Proto, "icmp") {
		ports = "echo"
	}
	return dashEmpty([]string{e.Proto, ports, e.PeerKind, e.Peer, strings.Join(e.CIDRs, ","), strings.Join(e.Except, ","), e.Via, e.SrcPorts})
}

// writeScanTable prints one row per entry; warnings follow the table.
func writeScanTable(w io.Writer, entries []scan.Entry, warnings []string) error {
	rows := [][]string{scanColumns}
	for _, e := range entries {
		rows = append(rows, scanRow(e))
	}
	if err := writeTable(w, rows); err != nil {
		return err
	}
	for _, warn := range warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	return nil
}

// writeExposureTable prints one row per interface and entry.
func writeExposureTable(w io.Writer, ex []scan.Exposure) error {
	rows := [][]string{append([]string{"ENI", "PRIVATE_IP", "PUBLIC_IP", "IPV6"}, scanColumns...)}
	var warnings []string
	for _, x := range ex {
		for _, e := range x.Entries {
			rows = append(rows, append(dashEmpty([]string{x.ENI, x.Private, x.PublicIP, x.IPv6}), scanRow(e)...))
		}
		for _, warn := range x.Warnings {
			warnings = append(warnings, x.ENI+": "+warn)
		}
	}
	if err := writeTable(w, rows); err != nil {
		return err
	}
	for _, warn := range warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	return nil
}
