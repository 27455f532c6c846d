package io.devloop.incidents;

/** The declare form's ids, for tests of other domains that submit it (an alert message's "Declare incident"). */
public final class IncidentFormsAccess {
    public static final String DECLARE = IncidentModals.DECLARE_CALLBACK;
    public static final String TITLE = IncidentForms.TITLE.id();
    public static final String SEVERITY = IncidentForms.SEVERITY.id();

    private IncidentFormsAccess() {
    }
}
