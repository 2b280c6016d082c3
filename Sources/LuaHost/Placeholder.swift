// placeholder until the LuaHost module lands
