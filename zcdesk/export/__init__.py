"""Files made from applications: the upload bundle, the 填报清单 sheet, rosters."""
