"""nbgrader notebooks: generated from the references, and the course folder around them (instructors)."""
