package load

// The formats, in detection order: the most specific markers first.
func init() {
	formats = []format{}
}
