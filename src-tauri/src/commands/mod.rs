//! The commands the window calls, one file per area. Each takes the state and a DTO, runs one
//! use case of `tsudoi-app` in a context, and maps the error: no logic of its own.

pub mod agenda;
pub mod attendees;
pub mod budget;
pub mod desk;
pub mod events;
pub mod exchange;
pub mod handlers;
pub mod incidents;
pub mod mail;
pub mod payments;
pub mod photos;
pub mod printouts;
pub mod privacy;
pub mod report;
pub mod seating;
pub mod settings;
pub mod survey;
pub mod vault;

use crate::dto::ApiError;

pub type Reply<T> = Result<T, ApiError>;
