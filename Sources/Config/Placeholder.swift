// placeholder until the Config module lands
