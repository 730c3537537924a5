//! Reading a file uploaded with a form (`multipart/form-data`): the file, its name, the CSRF
//! token and any other fields. The whole body is limited while it is read (413 as soon as it
//! passes the limit), so a huge upload never sits in memory.

use crate::error::{AppError, AppResult};
use actix_multipart::Multipart;
use futures_util::StreamExt;

/// The largest file accepted.
pub const MAX_UPLOAD: usize = 5 * 1024 * 1024;
/// The largest whole form: the file and room for the few small fields beside it.
pub const MAX_FORM: usize = MAX_UPLOAD + 64 * 1024;

fn too_large() -> AppError {
    AppError::TooLarge("the upload is larger than 5 MB; split the file and send it in parts".into())
}

pub struct Upload {
    pub csrf: String,
    pub file_name: String,
    pub content: Vec<u8>,
    /// Other fields, as text.
    pub fields: Vec<(String, String)>,
}

impl Upload {
    /// The file as UTF-8 text, or a clear error naming it.
    pub fn text(self) -> AppResult<String> {
        let name = self.file_name;
        String::from_utf8(self.content)
            .map_err(|_| AppError::invalid(&name, "is not UTF-8 text; save it as CSV UTF-8"))
    }
}

/// Reads the form; the file field is `file`, named `default_name` if the browser sent no name.
pub async fn read(mut upload: Multipart, default_name: &str) -> AppResult<Upload> {
    let mut read = 0usize;
    let mut out = Upload {
        csrf: String::new(),
        file_name: default_name.to_string(),
        content: Vec::new(),
        fields: Vec::new(),
    };
    while let Some(item) = upload.next().await {
        let mut field = item.map_err(|e| AppError::invalid("file", e.to_string()))?;
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            if let Some(file_name) = field
                .content_disposition()
                .and_then(|d| d.get_filename())
                .filter(|n| !n.is_empty())
            {
                out.file_name = file_name.to_string();
            }
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| AppError::invalid("file", e.to_string()))?;
            read += chunk.len();
            if read > MAX_FORM || bytes.len() + chunk.len() > MAX_UPLOAD {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csrf" => out.csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => out.content = bytes,
            _ => out
                .fields
                .push((name, String::from_utf8_lossy(&bytes).into_owned())),
        }
    }
    Ok(out)
}
