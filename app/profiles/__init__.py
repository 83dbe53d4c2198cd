"""Gateway profiles: presets, and load/save of profiles.toml. Keys are not here (see app.keystore).

Import from the modules (`app.profiles.presets`, `app.profiles.store`, …), not from this package: importing it
stays free, because every start imports `app.profiles.tomlwrite` (settings) and the store before the first
frame, while the preset table (~1.5 ms to build) is needed only by the welcome page, the editor and the CLI.
"""
