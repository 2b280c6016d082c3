// placeholder until the FirminoStore module lands
