package sqlstore

import (
	"context"
	"fmt"

	"mentorbog/data"
)

// Organisation reads the provider's settings (one row, created by migration 2).
func (s *Store) Organisation(ctx context.Context) (data.Organisation, error) {
	var o data.Organisation
	if err := s.require(ctx, permRead); err != nil {
		return o, err
	}
	err := s.q(ctx).QueryRowContext(ctx, `SELECT name, cvr, address, postcode, city, phone, email,
		logo, jobcentre_label, hourly_rate_oere, report_footer, legal_basis, complaint_guidance
		FROM organisation WHERE id = 1`).Scan(&o.Name, &o.CVR, &o.Address, &o.Postcode, &o.City,
		&o.Phone, &o.Email, &o.Logo, &o.JobcentreLabel, &o.HourlyRateOere, &o.ReportFooter,
		&o.LegalBasis, &o.ComplaintGuidance)
	if err != nil {
		return o, fmt.Errorf("read organisation: %w", err)
	}
	return o, nil
}

// SaveOrganisation stores the provider's settings.
func (s *Store) SaveOrganisation(ctx context.Context, o data.Organisation) error {
	if err := s.require(ctx, permAdmin); err != nil {
		return err
	}
	if err := o.Validate().Err(); err != nil {
		return err
	}
	_, err := s.q(ctx).ExecContext(ctx, `UPDATE organisation SET name = ?, cvr = ?, address = ?,
		postcode = ?, city = ?, phone = ?, email = ?, logo = ?, jobcentre_label = ?,
		hourly_rate_oere = ?, report_footer = ?, legal_basis = ?, complaint_guidance = ?
		WHERE id = 1`, o.Name, o.CVR, o.Address, o.Postcode, o.City, o.Phone, o.Email, o.Logo,
		o.JobcentreLabel, o.HourlyRateOere, o.ReportFooter, o.LegalBasis, o.ComplaintGuidance)
	if err != nil {
		return fmt.Errorf("save organisation: %w", err)
	}
	s.audit(ctx, "settings_changed", 0, "organisation")
	return nil
}
