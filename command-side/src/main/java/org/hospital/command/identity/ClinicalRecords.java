package org.hospital.command.identity;

/**
 * What identity asks of the register before it binds an account or a device: whether the record exists. The
 * register implements it ({@code registry.RegistryLookups}), so that identity does not depend on the register,
 * which depends on identity to create the accounts of the staff it registers.
 */
public interface ClinicalRecords {

    boolean doctorExists(long doctorId);

    boolean nurseExists(long nurseId);

    boolean patientExists(long patientId);

    boolean roomExists(long roomId);
}
