// The interface's words in Japanese (the default) and English. Keys are checked by the compiler:
// the English table must have exactly the Japanese table's keys.

import type { AttendanceMode, AttendeeStatus, Category, EventFormat, Lang, RegistrationSource } from "./bindings";

const ja = {
  appName: "集い",
  appSubtitle: "イベント運営",
  language: "表示言語",
  // Start and errors
  fatalTitle: "データベースを開けませんでした",
  fatalHint: "アプリを閉じ、上のメッセージに従ってから、もう一度起動してください。",
  databaseFile: "データベースのファイル",
  welcomeTitle: "集いへようこそ",
  welcomeText: "このデータベースにはまだイベントがありません。今年度の事業の2回の交流会と参加者約80名のデモデータで、操作を試せます。",
  loadDemo: "デモデータを読み込む",
  startEmpty: "空のまま始める（イベントを作成）",
  demoLoaded: "デモデータを読み込みました（イベント {events} 件、参加者 {attendees} 名）。",
  // Events
  events: "イベント",
  newEvent: "新しいイベント",
  noEvents: "イベントはまだありません。",
  editEvent: "イベントを編集",
  eventTitle: "イベント名",
  date: "日付",
  startTime: "開始時刻",
  endTime: "終了時刻",
  venueName: "会場名",
  venueAddress: "会場の所在地",
  capacity: "定員（会場）",
  onlineUrl: "オンライン参加URL",
  format: "開催形式",
  datePlaceholder: "2026-07-25",
  timePlaceholder: "13:30",
  eventCreated: "イベント「{title}」を作成しました。",
  eventSaved: "イベント「{title}」を保存しました。",
  registered: "登録",
  venue: "会場",
  online: "オンライン",
  cancelled: "キャンセル",
  ofCapacity: "定員 {capacity}",
  // Attendees
  attendees: "参加者",
  addAttendee: "参加者を追加",
  editAttendee: "参加者を編集",
  searchPlaceholder: "氏名・ふりがな・所属・メールで検索",
  searchLabel: "参加者を検索",
  noAttendees: "参加者はまだいません。",
  noMatches: "「{query}」に当てはまる参加者はいません。",
  nPeople: "{n} 名",
  name: "氏名",
  kana: "ふりがな",
  organization: "所属",
  jobTitle: "役職",
  email: "メールアドレス",
  phone: "電話番号",
  category: "参加区分",
  mode: "参加方法",
  status: "状態",
  consent: "個人情報の取り扱いに同意済み",
  notes: "備考",
  source: "登録経路",
  attendeeAdded: "参加者「{name}」を登録しました。",
  attendeeSaved: "参加者「{name}」を保存しました。",
  edit: "編集",
  // Forms
  save: "保存",
  cancel: "キャンセル",
  required: "必須",
  formHint: "Enter で保存、Esc でキャンセル",
  unexpected: "予期しないエラーが起きました（{message}）。データは操作の前のままです。もう一度操作してください。",
};

type Key = keyof typeof ja;

const en: Record<Key, string> = {
  appName: "Tsudoi",
  appSubtitle: "Event operations",
  language: "Language",
  fatalTitle: "The database could not be opened",
  fatalHint: "Close the app, follow the message above, then start it again.",
  databaseFile: "Database file",
  welcomeTitle: "Welcome to Tsudoi",
  welcomeText: "This database has no events yet. Try Tsudoi with demo data: this year's two gatherings and about 80 attendees.",
  loadDemo: "Load the demo data",
  startEmpty: "Start empty (create an event)",
  demoLoaded: "Loaded the demo data ({events} events, {attendees} attendees).",
  events: "Events",
  newEvent: "New event",
  noEvents: "No events yet.",
  editEvent: "Edit event",
  eventTitle: "Title",
  date: "Date",
  startTime: "Start",
  endTime: "End",
  venueName: "Venue",
  venueAddress: "Venue address",
  capacity: "Capacity (venue)",
  onlineUrl: "Online URL",
  format: "Format",
  datePlaceholder: "2026-07-25",
  timePlaceholder: "13:30",
  eventCreated: "Created the event “{title}”.",
  eventSaved: "Saved the event “{title}”.",
  registered: "Registered",
  venue: "Venue",
  online: "Online",
  cancelled: "Cancelled",
  ofCapacity: "capacity {capacity}",
  attendees: "Attendees",
  addAttendee: "Add attendee",
  editAttendee: "Edit attendee",
  searchPlaceholder: "Search name, kana, organization, email",
  searchLabel: "Search attendees",
  noAttendees: "No attendees yet.",
  noMatches: "No attendee matches “{query}”.",
  nPeople: "{n} people",
  name: "Name",
  kana: "Kana",
  organization: "Organization",
  jobTitle: "Title",
  email: "Email",
  phone: "Phone",
  category: "Category",
  mode: "Attends",
  status: "Status",
  consent: "Agreed to the handling of personal data",
  notes: "Notes",
  source: "Source",
  attendeeAdded: "Registered “{name}”.",
  attendeeSaved: "Saved “{name}”.",
  edit: "Edit",
  save: "Save",
  cancel: "Cancel",
  required: "required",
  formHint: "Enter saves, Esc cancels",
  unexpected: "Something unexpected went wrong ({message}). The data is as it was. Try again.",
};

let current: Lang = "ja";

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
}

export function lang(): Lang {
  return current;
}

/** The text for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = (current === "ja" ? ja : en)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

type Labels<T extends string> = Record<T, [ja: string, en: string]>;

const categoryLabels: Labels<Category> = {
  atotsugi: ["アトツギ", "Atotsugi (successor)"],
  supporter: ["支援者", "Supporter"],
  senior: ["先輩経営者", "Experienced owner"],
  stakeholder: ["関係者", "Stakeholder"],
  other: ["その他", "Other"],
};
const modeLabels: Labels<AttendanceMode> = { venue: ["会場", "Venue"], online: ["オンライン", "Online"] };
const statusLabels: Labels<AttendeeStatus> = {
  registered: ["登録済み", "Registered"],
  cancelled: ["キャンセル", "Cancelled"],
};
const formatLabels: Labels<EventFormat> = {
  hybrid: ["ハイブリッド", "Hybrid"],
  venue: ["会場のみ", "Venue only"],
  online: ["オンラインのみ", "Online only"],
};
const sourceLabels: Labels<RegistrationSource> = {
  manual: ["手入力", "Manual"],
  import: ["取り込み", "Import"],
  demo: ["デモ", "Demo"],
  walk_in: ["当日参加", "Walk-in"],
};

function pick<T extends string>(labels: Labels<T>, value: T): string {
  return labels[value][current === "ja" ? 0 : 1];
}

export const label = {
  category: (value: Category) => pick(categoryLabels, value),
  mode: (value: AttendanceMode) => pick(modeLabels, value),
  status: (value: AttendeeStatus) => pick(statusLabels, value),
  format: (value: EventFormat) => pick(formatLabels, value),
  source: (value: RegistrationSource) => pick(sourceLabels, value),
};

/** Every choice, in form order (the same order as the Rust enums). */
export const choices = {
  category: Object.keys(categoryLabels) as Category[],
  mode: Object.keys(modeLabels) as AttendanceMode[],
  status: Object.keys(statusLabels) as AttendeeStatus[],
  format: Object.keys(formatLabels) as EventFormat[],
};
