package reach

import (
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// decorate gives every hop and explanation of a the resources it involves
// and their display names, so renderers work from IDs, never from labels:
// a component that is a resource ID in the snapshot is that resource; the
// walk set the IDs of labelled components ("i-1 (eni-1)", "sg-1,sg-2").
func decorate(n *network.Network, a *Answer) {
	for _, hops := range [][]Hop{a.Forward, a.Return} {
		for i := range hops {
			h := &hops[i]
			var found model.Resource // what the index holds under h.Component, when looked up here
			if h.IDs == nil {
				found, h.IDs = lookupComponent(n, h.Component)
			}
			if len(h.IDs) > 0 {
				// One lookup per hop: the walk gives each question a few
				// dozen hops, and the index holds half a million IDs.
				id := h.IDs[len(h.IDs)-1]
				if h.Kind != HopENI && h.Kind != HopMiddlebox {
					id = h.IDs[0]
				}
				if found != nil && id == h.Component { // the index holds found under id
					h.Name = nameOf(found)
				} else {
					h.Name = DisplayName(n, id)
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
	_, ids := lookupComponent(n, component)
	return ids
}

// lookupComponent returns the resource a hop's component names and its ID.
func lookupComponent(n *network.Network, component string) (model.Resource, []string) {
	if component == "" || n.Index == nil {
		return nil, nil
	}
	if r, ok := n.Index.ByID(component); ok {
		return r, []string{r.Base().ID}
	}
	return nil, nil
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
	return nameOf(r)
}

// nameOf is DisplayName of a resource at hand.
func nameOf(r model.Resource) string {
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
