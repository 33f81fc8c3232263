using System;
using System.Collections.Generic;
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
    // The error codes of AdminInitiateAuth and AdminRespondToAuthChallenge (24 distinct), one type each
    // so that scripts can catch them by type as with AWS.Tools.
    public class AliasExistsException : AmazonCognitoIdentityProviderException { public AliasExistsException(string m) : base(m) { } }
    public class CodeMismatchException : AmazonCognitoIdentityProviderException { public CodeMismatchException(string m) : base(m) { } }
    public class ExpiredCodeException : AmazonCognitoIdentityProviderException { public ExpiredCodeException(string m) : base(m) { } }
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
        private static readonly Dictionary<string, Func<string, AmazonCognitoIdentityProviderException>> ByCode =
            new Dictionary<string, Func<string, AmazonCognitoIdentityProviderException>>(StringComparer.Ordinal)
            {
                ["AliasExistsException"] = m => new AliasExistsException(m),
                ["CodeMismatchException"] = m => new CodeMismatchException(m),
                ["ExpiredCodeException"] = m => new ExpiredCodeException(m),
                ["InternalErrorException"] = m => new InternalErrorException(m),
                ["InvalidEmailRoleAccessPolicyException"] = m => new InvalidEmailRoleAccessPolicyException(m),
                ["InvalidLambdaResponseException"] = m => new InvalidLambdaResponseException(m),
                ["InvalidParameterException"] = m => new InvalidParameterException(m),
                ["InvalidPasswordException"] = m => new InvalidPasswordException(m),
                ["InvalidSmsRoleAccessPolicyException"] = m => new InvalidSmsRoleAccessPolicyException(m),
                ["InvalidSmsRoleTrustRelationshipException"] = m => new InvalidSmsRoleTrustRelationshipException(m),
                ["InvalidUserPoolConfigurationException"] = m => new InvalidUserPoolConfigurationException(m),
                ["MFAMethodNotFoundException"] = m => new MFAMethodNotFoundException(m),
                ["NotAuthorizedException"] = m => new NotAuthorizedException(m),
                ["OperationNotEnabledException"] = m => new OperationNotEnabledException(m),
                ["PasswordHistoryPolicyViolationException"] = m => new PasswordHistoryPolicyViolationException(m),
                ["PasswordResetRequiredException"] = m => new PasswordResetRequiredException(m),
                ["ResourceNotFoundException"] = m => new ResourceNotFoundException(m),
                ["SoftwareTokenMFANotFoundException"] = m => new SoftwareTokenMFANotFoundException(m),
                ["TooManyRequestsException"] = m => new TooManyRequestsException(m),
                ["UnexpectedLambdaException"] = m => new UnexpectedLambdaException(m),
                ["UnsupportedOperationException"] = m => new UnsupportedOperationException(m),
                ["UserLambdaValidationException"] = m => new UserLambdaValidationException(m),
                ["UserNotConfirmedException"] = m => new UserNotConfirmedException(m),
                ["UserNotFoundException"] = m => new UserNotFoundException(m),
            };

        public static IEnumerable<string> KnownCodes => ByCode.Keys;

        public static AmazonCognitoIdentityProviderException Create(string code, string message, int? status, string requestId)
        {
            var e = ByCode.TryGetValue(code ?? string.Empty, out var make) ? make(message) : new AmazonCognitoIdentityProviderException(message);
            e.ErrorCode = code;
            e.StatusCode = (HttpStatusCode)(status ?? 0);
            e.RequestId = requestId;
            e.ErrorType = status >= 500 ? Amazon.Runtime.ErrorType.Receiver : status >= 400 ? Amazon.Runtime.ErrorType.Sender : Amazon.Runtime.ErrorType.Unknown;
            return e;
        }
    }
}
