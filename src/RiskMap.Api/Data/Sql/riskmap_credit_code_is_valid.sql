-- GB 32100-2015 check character of a unified social credit code (统一社会信用代码), used by ck_enterprises_credit_code;
-- mirrors Domain/UnifiedSocialCreditCode.cs. One SQL expression, inlined by the planner into the CHECK (a PL/pgSQL loop
-- cost about 5 µs a row on bulk imports). Not STRICT, so that it can be inlined; a null code gives null, which a CHECK
-- accepts. Applied before the tables, whose CHECK calls it.
CREATE OR REPLACE FUNCTION riskmap_credit_code_is_valid(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT octet_length(code) = 18
       AND ltrim(code, '0123456789ABCDEFGHJKLMNPQRTUWXY') = ''
       AND substr('0123456789ABCDEFGHJKLMNPQRTUWXY', (31 - (
                (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 1, 1)) - 1) * 1
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 2, 1)) - 1) * 3
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 3, 1)) - 1) * 9
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 4, 1)) - 1) * 27
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 5, 1)) - 1) * 19
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 6, 1)) - 1) * 26
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 7, 1)) - 1) * 16
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 8, 1)) - 1) * 17
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 9, 1)) - 1) * 20
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 10, 1)) - 1) * 29
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 11, 1)) - 1) * 25
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 12, 1)) - 1) * 13
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 13, 1)) - 1) * 8
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 14, 1)) - 1) * 24
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 15, 1)) - 1) * 10
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 16, 1)) - 1) * 30
              + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, 17, 1)) - 1) * 28
           ) % 31) % 31 + 1, 1) = substr(code, 18, 1)
$$;
