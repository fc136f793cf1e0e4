package reach

import "github.com/netverify/netverify/solver/network"

// decorate gives every hop and explanation of a the resources it involves
// and their display names, so renderers work from IDs, never from labels:
// a component that is a resource ID in the snapshot is that resource; the
// walk set the IDs of labelled components ("i-1 (eni-1)", "sg-1,sg-2").
func decorate(n *network.Network, a *Answer) {
	for _, hops := range [][]Hop{a.Forward, a.Return} {
		for i := range hops {
			h := &hops[i]
			if h.IDs == nil {
				h.IDs = resourceIDs(n, h.Component)
			}
			if len(h.IDs) > 0 {
				h.Name = DisplayName(n, h.IDs[len(h.IDs)-1])
				if h.Kind != HopENI && h.Kind != HopMiddlebox {
					h.Name = DisplayName(n, h.IDs[0])
				}
			}
		}
	}
	for i := range a.Explanations {
		e := &a.Explanations[i]
		if e.IDs == nil {
			e.IDs = resourceIDs(n, e.Component)
		}
	}
}

func resourceIDs(n *network.Network, component string) []string {
	if component == "" || n.Index == nil {
		return nil
	}
	if r, ok := n.Index.ByID(component); ok {
		return []string{r.Base().ID}
	}
	return nil
}

// DisplayName is the name a person knows a resource by: its Name tag, its
// CloudFormation logical ID, its Terraform address or its scenario name;
// "" when the input gives none (the ID is all there is).
func DisplayName(n *network.Network, id string) string {
	if n.Index == nil {
		return ""
	}
	r, ok := n.Index.ByID(id)
	if !ok {
		return ""
	}
	m := r.Base()
	if m.Name != "" && m.Name != m.ID {
		return m.Name
	}
	for _, k := range []string{"aws:cloudformation:logical-id", "terraform:address"} {
		if v := m.Tags[k]; v != "" {
			return v
		}
	}
	return ""
}
