/** A short, noticeable three-note chime for "someone is in the waiting room". */
export function playWaitingChime(): void {
  const context = new AudioContext();
  const gain = context.createGain();
  gain.gain.value = 0.25;
  gain.connect(context.destination);
  [523, 659, 784].forEach((frequency, index) => {
    const oscillator = context.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    oscillator.connect(gain);
    oscillator.start(context.currentTime + index * 0.18);
    oscillator.stop(context.currentTime + index * 0.18 + 0.16);
  });
  window.setTimeout(() => void context.close(), 1000);
}
