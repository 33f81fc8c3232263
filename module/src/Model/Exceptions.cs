using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace Amazon.Runtime
{
    public enum ErrorType { Sender, Receiver, Unknown }

    /// <summary>An error answered by the service, with what AWS.Tools users read off it.</summary>
    public class AmazonServiceException : Exception
    {
        public AmazonServiceException(string message) : base(message) { }
        public AmazonServiceException(string message, Exception inner) : base(message, inner) { }

        public string ErrorCode { get; set; }
        public HttpStatusCode StatusCode { get; set; }
        public string RequestId { get; set; }
        public ErrorType ErrorType { get; set; }
    }
}

namespace Amazon.CognitoIdentityProvider
{
    public class AmazonCognitoIdentityProviderException : Amazon.Runtime.AmazonServiceException
    {
        public AmazonCognitoIdentityProviderException(string message) : base(message) { }
    }
}

namespace Amazon.CognitoIdentityProvider.Model
{
    // One type per error code the API model lists for the two operations (25 distinct), so that scripts can
    // catch them by type as with AWS.Tools.
    public class AliasExistsException : AmazonCognitoIdentityProviderException { public AliasExistsException(string m) : base(m) { } }
    public class CodeMismatchException : AmazonCognitoIdentityProviderException { public CodeMismatchException(string m) : base(m) { } }
    public class ExpiredCodeException : AmazonCognitoIdentityProviderException { public ExpiredCodeException(string m) : base(m) { } }
    public class FeatureUnavailableInTierException : AmazonCognitoIdentityProviderException { public FeatureUnavailableInTierException(string m) : base(m) { } }
    public class InternalErrorException : AmazonCognitoIdentityProviderException { public InternalErrorException(string m) : base(m) { } }
    public class InvalidEmailRoleAccessPolicyException : AmazonCognitoIdentityProviderException { public InvalidEmailRoleAccessPolicyException(string m) : base(m) { } }
    public class InvalidLambdaResponseException : AmazonCognitoIdentityProviderException { public InvalidLambdaResponseException(string m) : base(m) { } }
    public class InvalidParameterException : AmazonCognitoIdentityProviderException { public InvalidParameterException(string m) : base(m) { } }
    public class InvalidPasswordException : AmazonCognitoIdentityProviderException { public InvalidPasswordException(string m) : base(m) { } }
    public class InvalidSmsRoleAccessPolicyException : AmazonCognitoIdentityProviderException { public InvalidSmsRoleAccessPolicyException(string m) : base(m) { } }
    public class InvalidSmsRoleTrustRelationshipException : AmazonCognitoIdentityProviderException { public InvalidSmsRoleTrustRelationshipException(string m) : base(m) { } }
    public class InvalidUserPoolConfigurationException : AmazonCognitoIdentityProviderException { public InvalidUserPoolConfigurationException(string m) : base(m) { } }
    public class MFAMethodNotFoundException : AmazonCognitoIdentityProviderException { public MFAMethodNotFoundException(string m) : base(m) { } }
    public class NotAuthorizedException : AmazonCognitoIdentityProviderException { public NotAuthorizedException(string m) : base(m) { } }
    public class OperationNotEnabledException : AmazonCognitoIdentityProviderException { public OperationNotEnabledException(string m) : base(m) { } }
    public class PasswordHistoryPolicyViolationException : AmazonCognitoIdentityProviderException { public PasswordHistoryPolicyViolationException(string m) : base(m) { } }
    public class PasswordResetRequiredException : AmazonCognitoIdentityProviderException { public PasswordResetRequiredException(string m) : base(m) { } }
    public class ResourceNotFoundException : AmazonCognitoIdentityProviderException { public ResourceNotFoundException(string m) : base(m) { } }
    public class SoftwareTokenMFANotFoundException : AmazonCognitoIdentityProviderException { public SoftwareTokenMFANotFoundException(string m) : base(m) { } }
    public class TooManyRequestsException : AmazonCognitoIdentityProviderException { public TooManyRequestsException(string m) : base(m) { } }
    public class UnexpectedLambdaException : AmazonCognitoIdentityProviderException { public UnexpectedLambdaException(string m) : base(m) { } }
    public class UnsupportedOperationException : AmazonCognitoIdentityProviderException { public UnsupportedOperationException(string m) : base(m) { } }
    public class UserLambdaValidationException : AmazonCognitoIdentityProviderException { public UserLambdaValidationException(string m) : base(m) { } }
    public class UserNotConfirmedException : AmazonCognitoIdentityProviderException { public UserNotConfirmedException(string m) : base(m) { } }
    public class UserNotFoundException : AmazonCognitoIdentityProviderException { public UserNotFoundException(string m) : base(m) { } }

    /// <summary>Builds the typed exception for a service error code.</summary>
    public static class ServiceExceptions
    {
        /// <summary>
        /// The errors the API model lists for each operation, in its order. The AWS SDK for .NET types an error
        /// only when the operation lists it (any other code gets the service's base type), and so does this
        /// module. Checked against the SDK for Rust (native/src/api_model_tests.rs) and botocore's model
        /// (tests/ApiModelContract.Tests.ps1), so a model that adds an error fails a test.
        /// </summary>
        private static readonly Dictionary<string, string[]> ModelledErrors = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["AdminInitiateAuth"] = new[]
            {
                "ResourceNotFoundException", "UnsupportedOperationException", "InvalidParameterException", "NotAuthorizedException",
                "TooManyRequestsException", "InternalErrorException", "UnexpectedLambdaException", "InvalidUserPoolConfigurationException",
                "UserLambdaValidationException", "InvalidLambdaResponseException", "MFAMethodNotFoundException",
                "InvalidSmsRoleAccessPolicyException", "InvalidEmailRoleAccessPolicyException", "InvalidSmsRoleTrustRelationshipException",
                "PasswordResetRequiredException", "UserNotFoundException", "UserNotConfirmedException", "OperationNotEnabledException",
                "FeatureUnavailableInTierException",
            },
            ["AdminRespondToAuthChallenge"] = new[]
            {
                "ResourceNotFoundException", "InvalidParameterException", "NotAuthorizedException", "CodeMismatchException",
                "ExpiredCodeException", "UnexpectedLambdaException", "InvalidPasswordException", "PasswordHistoryPolicyViolationException",
                "UserLambdaValidationException", "InvalidLambdaResponseException", "TooManyRequestsException",
                "InvalidUserPoolConfigurationException", "InternalErrorException", "MFAMethodNotFoundException",
                "InvalidEmailRoleAccessPolicyException", "InvalidSmsRoleAccessPolicyException", "InvalidSmsRoleTrustRelationshipException",
                "AliasExistsException", "PasswordResetRequiredException", "UserNotFoundException", "UserNotConfirmedException",
                "SoftwareTokenMFANotFoundException", "OperationNotEnabledException",
            },
        };

        /// <summary>The error codes the API model lists for an operation (empty for one it does not know).</summary>
        public static IReadOnlyList<string> ModelledErrorsOf(string operation) =>
            operation != null && ModelledErrors.TryGetValue(operation, out var codes) ? codes : Array.Empty<string>();

        public static AmazonCognitoIdentityProviderException Create(string operation, string code, string message, int? status, string requestId)
        {
            // Each listed code names its exception type in this namespace.
            var typed = code != null && ModelledErrorsOf(operation).Contains(code)
                ? typeof(ServiceExceptions).Assembly.GetType($"{typeof(ServiceExceptions).Namespace}.{code}", throwOnError: true)
                : typeof(AmazonCognitoIdentityProviderException);
            var e = (AmazonCognitoIdentityProviderException)Activator.CreateInstance(typed, message);
            e.ErrorCode = code;
            e.StatusCode = (HttpStatusCode)(status ?? 0);
            e.RequestId = requestId;
            e.ErrorType = status >= 500 ? Amazon.Runtime.ErrorType.Receiver : status >= 400 ? Amazon.Runtime.ErrorType.Sender : Amazon.Runtime.ErrorType.Unknown;
            return e;
        }
    }
}
