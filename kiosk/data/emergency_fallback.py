"""Built-in fallbacks for the emergency screens: the bare minimum, from the same sources
(emergency-facts.md), in the same words as content/emergency.toml: call first, then the breathing
check, CPR for everyone. Each part replaces only the part of emergency.toml that is broken."""

from __future__ import annotations

from kiosk.data.emergency import (
    DOSE_KINDS,
    Emergency,
    EmergencyNumber,
    Guide,
    GuideStep,
    NaloxonePage,
    Section,
    TimerText,
)

_SAMHSA = "SAMHSA Overdose Prevention and Response Toolkit (2025)"
_CPR = "AHA lay rescuer algorithm; Resuscitation Council UK and ERC 2025"
_FB_CALL = GuideStep("Call {number}", "Call {number} now. Don't leave them alone.\n"
                     "If someone is with you: one calls, one gets naloxone and a defibrillator (AED).\n"
                     "Put the phone on speaker.",
                     "Resuscitation Council UK (2025); " + _SAMHSA, ("numbers",), "call")
_FB_BREATHING = GuideStep("Check their breathing", "Open the airway: tilt the head back and lift the chin.\n"
                          "Look, listen and feel for breathing, for up to 10 seconds.\n"
                          "Not breathing normally, or only gasping? Start CPR now.\n"
                          "Breathing normally? Put them on their side: the recovery position.", _CPR, (), "breathing")
_FB_CPR = GuideStep("CPR: if not breathing normally", "Push hard and fast in the middle of the chest.\n"
                    "If you can, give 2 breaths after every 30 pushes: tilt the head back, lift the chin, "
                    "pinch the nose, seal your mouth over theirs, blow until the chest rises.\n"
                    "If you can't, just keep pushing.", _CPR, (), "cpr")
_FB_REDOSE = "Not breathing normally after 2 to 3 minutes? Give another dose."
_FB_AIM = "The aim is normal breathing, not waking up: xylazine or benzos can keep them asleep."

FALLBACK_GUIDES = (
    Guide("overdose", "Step by step", (
        GuideStep("Check", "Shout their name.\nRub your knuckles hard on their breastbone.\n"
                  "If you aren't sure, treat it as an overdose.", _SAMHSA + "; CDC (2017)", (), "check"),
        _FB_CALL, _FB_BREATHING, _FB_CPR,
        GuideStep("Give naloxone", "Give naloxone as soon as you can, without stopping CPR for long.\n"
                  "Naloxone won't harm someone who hasn't taken opioids: if you aren't sure, give it.\n"
                  + _FB_REDOSE + "\n" + _FB_AIM,
                  _SAMHSA + "; WHO 2014; Narcan instructions for use", ("spray", "injection", "dose", "where"),
                  "naloxone"),
        GuideStep("When they wake", "Not breathing normally again? Another dose at once.\n"
                  "Stay until help comes: naloxone can wear off in as little as 20 minutes.",
                  "Change Grow Live; With You", ("dose", "doses"), "wake"),
    )),
    Guide("spray", "Naloxone nasal spray", (
        _FB_CALL, _FB_BREATHING, _FB_CPR,
        GuideStep("Spray", "Lay them on their back. Tilt their head back.\nNozzle into one nostril.\n"
                  "Press the plunger firmly.", "Narcan instructions for use; Nyxoid leaflet", ("dose",)),
        GuideStep("Next dose", _FB_REDOSE + "\nA new spray, in the other nostril.",
                  "Narcan instructions for use; Nyxoid leaflet", ("dose", "doses")),
    ), shared=3),
    Guide("injection", "Naloxone injection kit (Prenoxad)", (
        _FB_CALL, _FB_BREATHING, _FB_CPR,
        GuideStep("Inject", "Twist off the syringe's top, screw on a needle, twist off its cover.\n"
                  "Inject 0.4 ml (to the first black line) into the outer thigh or upper arm muscle.\n"
                  "Not breathing normally after 2 to 3 minutes? Give the next dose, to the next line.",
                  "Prenoxad patient leaflet", ("dose", "doses")),
    ), shared=3),
    Guide("injection-other", "Naloxone injection kit", (
        _FB_CALL, _FB_BREATHING, _FB_CPR,
        GuideStep("Follow the kit's instructions", "Injection kit: follow the instructions that come with it.\n"
                  + _FB_REDOSE, "Health Canada naloxone page", ("dose", "doses")),
    ), shared=3),
)

FALLBACK_TIMER = TimerText(
    "Naloxone given", "Tell the ambulance crew. Naloxone given at:", "They are breathing normally", 120,
    {k: "Not breathing normally? Keep doing CPR. Breathing normally? Keep them on their side." for k in DOSE_KINDS},
    {k: "Still not breathing normally? Give another dose now." for k in DOSE_KINDS},
)

FALLBACK_NALOXONE = NaloxonePage(
    "Naloxone: how to use it", "Give naloxone, and call for help too.", "Where to get naloxone here",
    (Section("First: call, and check their breathing", "Call {number}. Put the phone on speaker.\n"
             "Tilt the head back and lift the chin. Look and listen for up to 10 seconds.\n"
             "Not breathing normally? Start CPR: push hard and fast in the middle of the chest.\n"
             "Breathing normally? Put them on their side.", _CPR),
     Section("Nasal spray", "Nozzle into one nostril. Press the plunger firmly.\n"
             + _FB_REDOSE + " A new spray, in the other nostril.\n" + _FB_AIM,
             "Narcan instructions for use; Nyxoid leaflet; " + _SAMHSA),
     Section("Injection kit", "Follow the instructions that come with the kit.\n" + _FB_REDOSE,
             "Health Canada naloxone page")),
)

# Shown if emergency.toml itself is broken.
FALLBACK = Emergency(
    "Emergency: opioid overdose",
    "Someone may be overdosing if they can't be woken or are breathing slowly or not at all.",
    (), "If you aren't sure, treat it as an overdose. Don't leave them alone.",
    ("Call: {number} now. Put the phone on speaker.",
     "Airway: tilt the head back and lift the chin. Breathing normally?",
     "Not breathing normally: start CPR. Push hard and fast in the middle of the chest.",
     "Breathing normally: put them on their side (recovery position).",
     "Naloxone: give it now; again after 2 to 3 min if not breathing normally."), (
        EmergencyNumber("US", "USA / Canada", "911"), EmergencyNumber("UK", "UK", "999"),
        EmergencyNumber("EU", "European Union", "112"), EmergencyNumber("AU", "Australia", "000"),
        EmergencyNumber("NZ", "New Zealand", "111"), EmergencyNumber("CA", "Canada", "911", in_table=False),
        EmergencyNumber("IE", "Ireland", "112", in_table=False)),
    (_SAMHSA, _CPR),
    guides=FALLBACK_GUIDES, timer=FALLBACK_TIMER, naloxone=FALLBACK_NALOXONE,
)
