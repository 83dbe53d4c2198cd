"""Domain types, standard library only. Everything else in Sluice imports from here."""
