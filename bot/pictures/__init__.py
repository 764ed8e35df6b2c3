"""Pictures the core draws: PNG bytes from plain data, in a member's language.

``heatmap`` draws a member's streak as a calendar of their last 26 weeks; ``cohort`` draws a
trainer's view of members × weeks. Both are pure (Pillow only: no platform, no store) and
deterministic: the same data and texts give the same bytes. ``canvas`` holds what they share
(the colour-blind-safe palette, the font that ships with Pillow, drawing in logical pixels).
"""
