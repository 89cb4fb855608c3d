/** Who is calling: sign-in with username and password, access and refresh tokens, user accounts and device keys. */
package org.hospital.command.identity;
