//! The words of the privacy log (監査ログ): what was done with personal data.

choice_enum! {
    /// An action on personal data that the privacy log records.
    pub enum AuditAction as "audit action" {
        #[default]
        AttendanceExport = "attendance_export", "出欠の書き出し", "Attendance export";
        TicketExport = "ticket_export", "受付票の書き出し", "Ticket export";
        SeatChartExport = "seat_chart_export", "座席表の書き出し", "Seat chart export";
        RegistrationImport = "registration_import", "申込の取り込み", "Registration import";
        OnlineAttendanceImport = "online_attendance_import", "オンライン出席の取り込み", "Online attendance import";
        AgendaExport = "agenda_export", "次第の書き出し", "Programme export";
        MinutesExport = "minutes_export", "議事録の書き出し", "Minutes export";
        PhotoDelete = "photo_delete", "写真の削除", "Photo deletion";
        RosterPrint = "roster_print", "受付名簿の書き出し", "Reception roster export";
        BadgePrint = "badge_print", "名札の書き出し", "Name badge export";
    }
}
