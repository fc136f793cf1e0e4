package model

import "fmt"

// The enumerations that marshal to their words also unmarshal from them, so
// a Snapshot written as JSON reads back the same (the report embeds the
// loaded snapshot for its in-browser question box).

// UnmarshalText reads the words ENIOwner.String returns.
func (o *ENIOwner) UnmarshalText(b []byte) error {
	v, ok := ParseENIOwner(string(b))
	if !ok {
		return fmt.Errorf("unknown interface owner %q", b)
	}
	*o = v
	return nil
}

// UnmarshalText reads the words TargetKind.String returns.
func (k *TargetKind) UnmarshalText(b []byte) error {
	v, ok := ParseTargetKind(string(b))
	if !ok {
		return fmt.Errorf("unknown route target kind %q", b)
	}
	*k = v
	return nil
}

// UnmarshalText reads the words RouteOrigin.String returns.
func (o *RouteOrigin) UnmarshalText(b []byte) error {
	for i, n := range routeOriginNames {
		if n == string(b) {
			*o = RouteOrigin(i)
			return nil
		}
	}
	return fmt.Errorf("unknown route origin %q", b)
}

// UnmarshalText reads the words EndpointType.String returns.
func (t *EndpointType) UnmarshalText(b []byte) error {
	v, ok := ParseEndpointType(string(b))
	if !ok {
		return fmt.Errorf("unknown endpoint type %q", b)
	}
	*t = v
	return nil
}

// UnmarshalText reads the words and numbers Protocol.String returns.
func (p *Protocol) UnmarshalText(b []byte) error {
	v, err := ParseProtocol(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// UnmarshalText reads "allow" and "deny".
func (a *Action) UnmarshalText(b []byte) error {
	switch string(b) {
	case "allow":
		*a = Allow
	case "deny":
		*a = Deny
	default:
		return fmt.Errorf("unknown action %q (want allow or deny)", b)
	}
	return nil
}

// UnmarshalText reads "error", "warning" and "info".
func (s *Severity) UnmarshalText(b []byte) error {
	for _, v := range []Severity{SevError, SevWarning, SevInfo} {
		if v.String() == string(b) {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("unknown severity %q", b)
}
