using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Net;

namespace CognitoAdminAuth.Aws
{
    /// <summary>The typed exception a service error becomes, in the session's SDK types.</summary>
    internal static class ServiceErrors
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
            ["AssociateSoftwareToken"] = new[]
            {
                "ConcurrentModificationException", "InvalidParameterException", "NotAuthorizedException", "ResourceNotFoundException",
                "InternalErrorException", "SoftwareTokenMFANotFoundException", "ForbiddenException", "OperationNotEnabledException",
            },
            // The model lists NotAuthorizedException twice for this operation; once is enough here.
            ["VerifySoftwareToken"] = new[]
            {
                "InvalidParameterException", "ResourceNotFoundException", "InvalidUserPoolConfigurationException", "NotAuthorizedException",
                "TooManyRequestsException", "PasswordResetRequiredException", "UserNotFoundException", "UserNotConfirmedException",
                "InternalErrorException", "EnableSoftwareTokenMFAException", "SoftwareTokenMFANotFoundException", "CodeMismatchException",
                "ForbiddenException", "OperationNotEnabledException",
            },
            ["GetTokensFromRefreshToken"] = new[]
            {
                "ResourceNotFoundException", "InvalidParameterException", "NotAuthorizedException", "TooManyRequestsException",
                "UserNotFoundException", "UnexpectedLambdaException", "UserLambdaValidationException", "InvalidLambdaResponseException",
                "ForbiddenException", "RefreshTokenReuseException", "OperationNotEnabledException", "InternalErrorException",
            },
            ["RevokeToken"] = new[]
            {
                "TooManyRequestsException", "InternalErrorException", "UnauthorizedException", "InvalidParameterException",
                "UnsupportedOperationException", "UnsupportedTokenTypeException", "ForbiddenException", "OperationNotEnabledException",
            },
            ["AdminUserGlobalSignOut"] = new[]
            {
                "ResourceNotFoundException", "InvalidParameterException", "TooManyRequestsException", "NotAuthorizedException",
                "UserNotFoundException", "OperationNotEnabledException", "InternalErrorException",
            },
        };

        private const string BaseException = "Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderException";
        private const string ModelNamespace = "Amazon.CognitoIdentityProvider.Model.";

        private delegate Exception Constructor(string message, string code, string requestId, HttpStatusCode status, int errorType);
        private static readonly ConcurrentDictionary<string, Constructor> Constructors = new ConcurrentDictionary<string, Constructor>(StringComparer.Ordinal);

        /// <summary>The error codes the API model lists for an operation (empty for one it does not know).</summary>
        public static IReadOnlyList<string> ModelledErrorsOf(string operation) =>
            operation != null && ModelledErrors.TryGetValue(operation, out var codes) ? codes : Array.Empty<string>();

        public static Exception Create(string operation, string code, string message, int? status, string requestId)
        {
            var typeName = code != null && ModelledErrorsOf(operation).Contains(code) ? ModelNamespace + code : BaseException;
            // Sender/Receiver/Unknown, by the SDK's rule: 4xx the caller's fault, 5xx the service's.
            var errorType = status >= 500 ? 1 : status >= 400 ? 0 : 2;
            return Constructors.GetOrAdd(typeName, Compile)(message, code, requestId, (HttpStatusCode)(status ?? 0), errorType);
        }

        /// <summary>
        /// new T(message, null, errorType, code, requestId, status): the constructor every SDK service exception
        /// has (and the stand-ins). A code the session's SDK has no type for (an older SDK) gets the base type.
        /// </summary>
        private static Constructor Compile(string typeName)
        {
            var session = SessionAssemblies.Current;
            var type = session.Cognito.GetType(typeName) ?? session.Type(BaseException);
            var errorType = session.Type("Amazon.Runtime.ErrorType");
            var ctor = type.GetConstructor(new[] { typeof(string), typeof(Exception), errorType, typeof(string), typeof(string), typeof(HttpStatusCode) })
                       ?? throw new MissingMethodException(type.FullName, ".ctor(string, Exception, ErrorType, string, string, HttpStatusCode)");
            var message = Expression.Parameter(typeof(string));
            var code = Expression.Parameter(typeof(string));
            var requestId = Expression.Parameter(typeof(string));
            var status = Expression.Parameter(typeof(HttpStatusCode));
            var kind = Expression.Parameter(typeof(int));
            var body = Expression.New(ctor, message, Expression.Constant(null, typeof(Exception)), Expression.Convert(kind, errorType), code, requestId, status);
            return Expression.Lambda<Constructor>(body, message, code, requestId, status, kind).Compile();
        }
    }
}
