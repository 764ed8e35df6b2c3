"""English patterns of naming or guarding the conversation's time (the same shape as ``time_nl``;
re-exported by ``lexicon_en``, which holds the other moves).

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``).
"""

from __future__ import annotations

from typing import Final

#: Naming or guarding the time available.
TIME_FRAME: Final = (
    r"\b(?:we|us|our|left|still) .{0,20}\b\d+ ?(?:more )?hours?\b",
    r"\b(?:stop|finish|end|wrap up|close) in \d+\b",
    r"\b(?:stop|finish|end|wrap up) (?:at|by) \d",
    r"\b(?:at|past|over) the hour\b",
    r"\bstop here\b",
    r"\bover time\b",
    r"\b(?:time's|time is|time) (?:up|left|nearly up|almost up|running out|over)\b",
    r"\b(?:running|run|ran) out of time\b",
    r"\b(?:we're|we are) (?:almost |nearly |about |already )?(?:at|out of|over) (?:time|our "
    r"time)\b",
    r"\bbefore we (?:stop|finish|wrap up|end|close|have to)",
    r"\bwrap (?:up|things up|this up)",
    r"\bwe (?:need|have|must|should) to (?:stop|finish|wrap|end|close)",
    r"\b(?:we|let's) .{0,20}\b(?:until|till) \d{1,2}(?:[:.]\d\d)?\b",
    r"\bour time\b",
    r"\bthe time we have\b",
    r"\btime (?:we have|for this|together|is limited|we've got)\b",
    r"\b(?:another|a separate|a different|a new|another) (?:time|moment|slot|meeting|"
    r"conversation)\b",
    r"\b(?:make|schedule|plan|book|set aside|find) (?:some |a )?(?:time|moment|slot)\b",
    r"\b(?:do|have) (?:we|you) (?:have|still have|got) time\b",
    r"\bhow much time\b",
    r"\bthe last (?:few )?minutes?\b",
    r"\bfor now\b.*\b(?:time|later|tomorrow)\b",
    r"\b(?:tomorrow|next week|later today|this afternoon) (?:we|i|let's)\b",
    r"\bpick (?:this|it|that) up (?:later|tomorrow|next)",
    # General forms: how much time is left, that it is time to stop, when the session ends.
    r"\b(?:out of|short on|low on|tight on|pressed for|running low on|nearly out of|almost out "
    r"of) time\b",
    r"\b(?:we|let's|we've|we're|us)\b.{0,25}\b(?:until|till|til) (?:\d{1,2}(?:[:.]\d\d)?|half "
    r"past|quarter (?:past|to)|noon|the hour|the end)\b",
    r"\b(?:our|the|this|today's) (?:session|conversation|meeting|call|chat|talk|hour|time) "
    r"(?:ends|finishes|stops|is over|is almost over|is nearly over|runs until|lasts|is up)\b",
    r"\b(?:ends?|finish(?:es)?|stops?|wrap(?:s)? up|done) (?:at|by|around) (?:\d|half|quarter|"
    r"noon)\b",
    r"\b(?:almost|nearly|about|just about) (?:time|at time|done for today|at the end)\b",
    r"\b(?:it's|its|it is) time to (?:stop|wrap|finish|end|round|close|call it)\b",
    r"\bhow long (?:do|have) we (?:have|got|still)\b",
    r"\bbefore we (?:go|run out|say goodbye|close|leave it)\b",
    r"\b(?:leave|stop|end|pause|park) (?:it|this|that|things) (?:here|there) (?:for (?:today|"
    r"now))?\b",
    r"\b(?:that's|that is|that'll be) (?:it|all) for (?:today|now|this session)\b",
    r"\b(?:we're|we are|we've|we) (?:already |now |just )?(?:running |going |gone |went |ran |run "
    r")?(?:a bit |a little |slightly |already )?(?:over(?: time)?|overtime|past (?:the |our "
    r")?time)\b(?! (?:it|this|that|there|the|your|her|his|my)\b)",
    r"\bnext (?:session|time we meet|meeting|week|call)\b.{0,20}\b(?:we|let's|continue|pick|go "
    r"on)\b",
    r"\b(?:in|with) the time (?:we have|that's left|left|remaining)\b",
    r"\b(?:the )?(?:time|minutes) (?:we have |we've got )?left\b",
    r"\b(?:one|a|the) (?:last|final) (?:minute|question before|thing before)\b",
    r"\bsame time next (?:week|time|month|session)\b",
    r"\b(?:the|a) (?:full|whole) hour\b",
    r"\b(?:min|mins|minutes|hours?|time) (?:left|to go|remaining)\b",
    r"\bnext (?:time|session|appointment|meeting)(?: is|'s| will be)\b",
)

#: A stretch of time: the conversation's only with a word that makes it ours (``TIME_CUE``);
#: "ask the surgeon for ten minutes" names no time frame.
DURATION: Final = (
    r"\b\d+ ?(?:more )?(?:minutes?|mins?|secs?|seconds)\b",
    r"\b(?:one|two|three|four|five|ten|fifteen|twenty|thirty|forty|a few|few|couple of|a couple "
    r"of|some) (?:more )?minutes?\b",
    r"\b(?:half an|an|one) hour\b",
    r"\bquarter of an hour\b",
)

TIME_CUE: Final = (
    r"\b(?:we|we've|we're|us|our|left|still|another|more|last|first|today|now|shall|let's|i have|"
    r"i've got|until|before|take|keep|spend)\b",
)
