//! Settings of the webview that the desk needs and Tauri does not expose: the camera.
//!
//! On Linux, WebKitGTK turns media streams off by default and asks the application about every
//! camera request; we enable them and allow a request only when it comes from the app's own page
//! and asks for video alone. Windows (WebView2) asks the person; macOS needs the camera usage
//! description in Info.plist.

use tauri::WebviewWindow;

/// The environment variable that swaps the real camera for WebKitGTK's built-in test camera, so
/// the end-to-end tests can exercise the camera path on a machine without one (Linux only).
#[cfg(target_os = "linux")]
pub const MOCK_CAMERA_ENV_VAR: &str = "TSUDOI_MOCK_CAMERA";

#[cfg(target_os = "linux")]
pub fn allow_camera_for_own_page(window: &WebviewWindow) -> tauri::Result<()> {
    window.with_webview(|webview| {
        use webkit2gtk::glib::prelude::Cast;
        use webkit2gtk::{
            PermissionRequestExt, SettingsExt, UserMediaPermissionRequest, UserMediaPermissionRequestExt,
            WebViewExt,
        };

        let view = webview.inner();
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_enable_media_stream(true);
            if std::env::var_os(MOCK_CAMERA_ENV_VAR).is_some() {
                settings.set_enable_mock_capture_devices(true);
            }
        }
        view.connect_permission_request(|view, request| {
            let own_page = view.uri().is_some_and(|uri| is_own_origin(&uri));
            let video_only = request
                .downcast_ref::<UserMediaPermissionRequest>()
                .is_some_and(|media| media.is_for_video_device() && !media.is_for_audio_device());
            if own_page && video_only {
                request.allow();
            } else {
                request.deny();
            }
            true
        });
    })
}

#[cfg(not(target_os = "linux"))]
pub fn allow_camera_for_own_page(_window: &WebviewWindow) -> tauri::Result<()> {
    Ok(())
}

/// The app's own page: the embedded front end, never a remote one.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn is_own_origin(uri: &str) -> bool {
    ["tauri://localhost/", "http://tauri.localhost/"]
        .iter()
        .any(|origin| uri.starts_with(origin))
        || uri == "tauri://localhost"
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_apps_own_page_may_use_the_camera() {
        assert!(super::is_own_origin("tauri://localhost/index.html"));
        assert!(super::is_own_origin("http://tauri.localhost/"));
        assert!(!super::is_own_origin("https://example.jp/"));
        assert!(!super::is_own_origin("tauri://localhost.example.jp/"));
    }
}
