// A distinct sound per kind of outcome at the desk, made on the spot with Web Audio (no sound
// files, no network): a bright rising pair for a pass, a middle double beep for "already here", a
// short falling pair for "scan again", a low buzz for a ticket that cannot enter, a low triple
// pulse for a full room. Silent where the machine has no audio output.

type Tone = { frequency: number; start: number; length: number; wave: OscillatorType };

export type OutcomeKind = "pass" | "notice" | "retry" | "refusal" | "full";

const TONES: Record<OutcomeKind, Tone[]> = {
  pass: [
    { frequency: 880, start: 0, length: 0.09, wave: "sine" },
    { frequency: 1320, start: 0.1, length: 0.14, wave: "sine" },
  ],
  notice: [
    { frequency: 660, start: 0, length: 0.1, wave: "triangle" },
    { frequency: 660, start: 0.16, length: 0.1, wave: "triangle" },
  ],
  retry: [
    { frequency: 520, start: 0, length: 0.1, wave: "triangle" },
    { frequency: 390, start: 0.13, length: 0.16, wave: "triangle" },
  ],
  refusal: [{ frequency: 196, start: 0, length: 0.45, wave: "square" }],
  full: [
    { frequency: 247, start: 0, length: 0.12, wave: "sawtooth" },
    { frequency: 247, start: 0.18, length: 0.12, wave: "sawtooth" },
    { frequency: 247, start: 0.36, length: 0.12, wave: "sawtooth" },
  ],
};

let context: AudioContext | null | undefined;

function audio(): AudioContext | null {
  if (context === undefined) {
    try {
      context = new AudioContext();
    } catch {
      context = null;
    }
  }
  return context;
}

export function play(kind: keyof typeof TONES): void {
  const ctx = audio();
  if (!ctx) return;
  try {
    const now = ctx.currentTime;
    for (const tone of TONES[kind]) {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = tone.wave;
      oscillator.frequency.value = tone.frequency;
      gain.gain.setValueAtTime(0.0001, now + tone.start);
      gain.gain.exponentialRampToValueAtTime(0.25, now + tone.start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + tone.start + tone.length);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(now + tone.start);
      oscillator.stop(now + tone.start + tone.length + 0.02);
    }
  } catch {
    // No audio device: the colours still say it.
  }
}
