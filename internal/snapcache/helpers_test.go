package snapcache

import (
	"fmt"
	"net/netip"
	"strconv"
)

type (
	netipPrefix = netip.Prefix
	netipAddr   = netip.Addr
)

var samplePrefix = netip.MustParsePrefix("10.1.2.0/24")

func fmtInt(i int) string { return strconv.Itoa(i) }

func sprint(v any) string { return fmt.Sprintf("%+v", v) }
