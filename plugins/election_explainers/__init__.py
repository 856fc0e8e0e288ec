"""Election explainers: editors' YAML about elections becomes a cross-linked site."""
