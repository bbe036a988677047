// A short confirmation after a save, read out by screen readers and gone after a few seconds.

import { byId } from "../dom";

let timer: number | undefined;

export function toast(message: string): void {
  const element = byId("toast");
  element.textContent = message;
  element.classList.add("visible");
  window.clearTimeout(timer);
  timer = window.setTimeout(() => element.classList.remove("visible"), 4000);
}
