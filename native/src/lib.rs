//! Native core of the CognitoAdminAuth PowerShell module: Cognito's AdminInitiateAuth and
//! AdminRespondToAuthChallenge on the AWS SDK for Rust, behind a small C ABI (see [`ffi`]).

pub mod assist;
pub mod auth;
pub mod client;
pub mod credentials;
pub mod environment;
pub mod error;
pub mod ffi;
pub mod model;
pub mod response_shape;
pub mod ops;
pub mod runtime;
pub mod settings;

#[cfg(test)]
mod api_model_tests;
#[cfg(test)]
mod testserver;
