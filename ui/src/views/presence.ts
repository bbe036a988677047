// Where a person stands on the day, in one word and one colour: the desk's search results and the
// attendee list show the same tag.

import type { ListedAttendee, PresenceFilter } from "../bindings";
import { h } from "../dom";
import { label, t } from "../i18n";

/** The one word for a person now: in the room, came and left, cancelled, waiting, not yet here. */
export function presenceOf(person: ListedAttendee): PresenceFilter {
  if (person.in_room) return "in_room";
  if (person.checked_in) return "checked_in";
  if (person.status === "cancelled") return "cancelled";
  if (person.waitlist_position !== null) return "waiting";
  return "not_checked_in";
}

/** The tag of where the person stands, with "at the venue" for an online registrant who came. */
export function presenceTags(person: ListedAttendee): HTMLElement {
  const presence = presenceOf(person);
  const word =
    presence === "waiting" && person.waitlist_position !== null ? t("waitlistedN", { n: person.waitlist_position }) : label.presence(presence);
  return h(
    "span",
    { class: "presence" },
    h("span", { class: `tag presence-${presence}`, "data-testid": "presence", "data-presence": presence }, word),
    person.attended_mode !== person.mode ? h("span", { class: "tag presence-moved", "data-testid": "attended-at-venue" }, t("attendedAtVenue")) : null,
  );
}
