package main

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// servicePorts are the service names --port and the port column of --flows
// accept, each the well-known port its IANA registration gives it.
var servicePorts = map[string]int{
	"ftp": 21, "ssh": 22, "telnet": 23, "smtp": 25, "dns": 53, "domain": 53,
	"http": 80, "pop3": 110, "ntp": 123, "imap": 143, "snmp": 161, "ldap": 389,
	"https": 443, "smb": 445, "smtps": 465, "submission": 587, "ldaps": 636,
	"imaps": 993, "pop3s": 995, "mssql": 1433, "oracle": 1521, "nfs": 2049,
	"mysql": 3306, "rdp": 3389, "postgres": 5432, "postgresql": 5432,
	"redis": 6379, "http-alt": 8080, "kafka": 9092, "elasticsearch": 9200,
	"memcached": 11211, "mongodb": 27017,
}

// parsePort reads a destination port: a number 0-65535 or a service name.
func parsePort(s string) (int, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if p, ok := servicePorts[s]; ok {
		return p, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%q: not a port number nor a service name this knows (%s)", s, strings.Join(serviceNames(), ", "))
	}
	if v < 0 || v > 65535 {
		return 0, fmt.Errorf("%d: want a number 0-65535", v)
	}
	return v, nil
}

// serviceNames lists the names parsePort knows, sorted.
func serviceNames() []string { return slices.Sorted(maps.Keys(servicePorts)) }

// isICMP reports whether a protocol word means ICMP, which has no ports.
func isICMP(proto string) bool {
	switch strings.ToLower(strings.TrimSpace(proto)) {
	case "icmp", "ping", "icmpv6", "1", "58":
		return true
	}
	return false
}

// checkPortProto rejects a port given with ICMP: it would be ignored.
func checkPortProto(proto string, port int) error {
	if port >= 0 && isICMP(proto) {
		return fmt.Errorf("ICMP has no ports: leave out the port, or use --proto tcp or udp")
	}
	return nil
}

// parsePorts reads --port (a number or a service name) and checks it and
// --src-port against the protocol.
func (o *canReachOpts) parsePorts() error {
	o.port = -1
	if o.portArg != "" {
		p, err := parsePort(o.portArg)
		if err != nil {
			return usageErr("--port %v", err)
		}
		o.port = p
	}
	if o.srcPort < 0 || o.srcPort > 65535 {
		return usageErr("--src-port %d: want a number 0-65535", o.srcPort)
	}
	if err := checkPortProto(o.proto, o.port); err != nil {
		return usageErr("--proto %s --port %s: %v", o.proto, o.portArg, err)
	}
	return nil
}
