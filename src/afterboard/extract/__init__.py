"""Parsers for what people write in a note: times, owners, deadlines, durations, why-chains, impact."""
