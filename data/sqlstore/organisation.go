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
		logo, jobcentre_label, hourly_rate_oere, report_footer, legal_basis, complaint_guidance, version
		FROM organisation WHERE id = 1`).Scan(&o.Name, &o.CVR, &o.Address, &o.Postcode, &o.City,
		&o.Phone, &o.Email, &o.Logo, &o.JobcentreLabel, &o.HourlyRateOere, &o.ReportFooter,
		&o.LegalBasis, &o.ComplaintGuidance, &o.Version)
	if err != nil {
		return o, fmt.Errorf("read organisation: %w", err)
	}
	return o, nil
}

// SaveOrganisation stores the provider's settings. Settings read with
// Organisation carry their version, and a save over a newer one is refused
// (data.ConflictError); Version 0 (settings written whole, not edited from
// a read: demo data, the first start) replaces the row unchecked, as the
// one row always exists.
func (s *Store) SaveOrganisation(ctx context.Context, o data.Organisation) error {
	if err := s.require(ctx, permAdmin); err != nil {
		return err
	}
	if err := o.Validate().Err(); err != nil {
		return err
	}
	return s.Atomically(ctx, func(ctx context.Context) error {
		if o.Version == 0 {
			var current int64
			if err := s.q(ctx).QueryRowContext(ctx, "SELECT version FROM organisation WHERE id = 1").Scan(&current); err != nil {
				return fmt.Errorf("save organisation: %w", err)
			}
			o.Version = current
		}
		err := s.updateVersioned(ctx, "organisation", "organisation", 1, &o.Version, `name = ?, cvr = ?, address = ?,
		postcode = ?, city = ?, phone = ?, email = ?, logo = ?, jobcentre_label = ?,
		hourly_rate_oere = ?, report_footer = ?, legal_basis = ?, complaint_guidance = ?`,
			o.Name, o.CVR, o.Address, o.Postcode, o.City, o.Phone, o.Email, o.Logo,
			o.JobcentreLabel, o.HourlyRateOere, o.ReportFooter, o.LegalBasis, o.ComplaintGuidance)
		if err != nil {
			return fmt.Errorf("save organisation: %w", err)
		}
		s.audit(ctx, "settings_changed", 0, "organisation")
		return nil
	})
}
