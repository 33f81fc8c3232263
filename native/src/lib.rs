//! Native core of the CognitoAdminAuth PowerShell module: Cognito's AdminInitiateAuth and
//! AdminRespondToAuthChallenge on the AWS SDK for Rust, behind a small C ABI (see [`ffi`]).

// First: their macros are used by the modules below.
#[macro_use]
mod named;
#[macro_use]
pub mod contract;

pub mod assist;
pub mod auth;
pub mod client;
pub mod credentials;
pub mod environment;
pub mod envelope;
pub mod error;
pub mod journey;
mod exact;
pub mod ffi;
pub mod jwks;
pub mod model;
pub mod response_shape;
pub mod ops;
pub mod runtime;
pub mod scrub;
pub mod settings;
pub mod verify;

#[cfg(test)]
mod api_model_tests;
#[cfg(test)]
mod testserver;
