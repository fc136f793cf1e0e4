package waf

import "strings"

type op byte

const (
	opTrue op = iota
	opFalse
	opAtom
	opNot
	opAnd
	opOr
)

// expr is a boolean expression over conditions the input cannot decide.
type expr struct {
	op       op
	pos, neg string // opAtom: the condition and its negation, in words
	kids     []*expr
}

func constant(b bool) *expr {
	if b {
		return &expr{op: opTrue}
	}
	return &expr{op: opFalse}
}

func atom(pos, neg string) *expr { return &expr{op: opAtom, pos: pos, neg: neg} }

func not(e *expr) *expr {
	switch e.op {
	case opTrue:
		return constant(false)
	case opFalse:
		return constant(true)
	case opAtom:
		return atom(e.neg, e.pos)
	case opNot:
		return e.kids[0]
	case opAnd, opOr:
		// De Morgan, so that the words stay plain.
		out := &expr{op: opOr}
		if e.op == opOr {
			out.op = opAnd
		}
		for _, k := range e.kids {
			out.kids = append(out.kids, not(k))
		}
		return out
	}
	return &expr{op: opNot, kids: []*expr{e}}
}

func and(a, b *expr) *expr { return join(opAnd, a, b) }
func or(a, b *expr) *expr  { return join(opOr, a, b) }

// join folds constants: true AND x = x, false OR x = x, and the absorbing ones.
func join(o op, a, b *expr) *expr {
	unit, zero := opTrue, opFalse
	if o == opOr {
		unit, zero = opFalse, opTrue
	}
	switch {
	case a.op == zero || b.op == zero:
		return &expr{op: zero}
	case a.op == unit:
		return b
	case b.op == unit:
		return a
	}
	out := &expr{op: o}
	for _, x := range []*expr{a, b} {
		if x.op == o {
			out.kids = append(out.kids, x.kids...)
		} else {
			out.kids = append(out.kids, x)
		}
	}
	return out
}

// String renders the expression in words.
func (e *expr) String() string {
	switch e.op {
	case opTrue:
		return "always"
	case opFalse:
		return "never"
	case opAtom:
		return e.pos
	case opNot:
		return "not (" + e.kids[0].String() + ")"
	}
	word := " and "
	if e.op == opOr {
		word = " or "
	}
	parts := make([]string, len(e.kids))
	for i, k := range e.kids {
		parts[i] = k.String()
		if k.op == opAnd || k.op == opOr {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, word)
}
