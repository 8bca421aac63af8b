"""For course authors: the stubs generated from the references, and the student release (instructors)."""
