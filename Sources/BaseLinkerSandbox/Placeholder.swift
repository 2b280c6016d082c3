// placeholder until the BaseLinkerSandbox module lands
