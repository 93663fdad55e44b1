/**
 * Identity and data scopes: users, roles, login, and the {@link org.innoladder.identity.DataScope} every
 * enterprise query is filtered by.
 */
package org.innoladder.identity;
